#include "store/sqlite/search_indexer.h"

#include "store/sql/statements.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kAnyUnindexed =
    "SELECT 1 FROM messages WHERE id >"
    " (SELECT last_message_id FROM search_progress WHERE singleton = 0) LIMIT 1";
constexpr std::string_view kSelectProgress =
    "SELECT last_message_id FROM search_progress WHERE singleton = 0";
constexpr std::string_view kSelectLast =
    "SELECT MAX(id) FROM (SELECT id FROM messages WHERE id > ?1 ORDER BY id LIMIT ?2)";
constexpr std::string_view kIndex =
    "INSERT INTO message_search (rowid, text)"
    " SELECT (conversation_id << 32) | (id & 4294967295), text FROM messages"
    " WHERE id > ?1 AND id <= ?2";
constexpr std::string_view kSetProgress =
    "UPDATE search_progress SET last_message_id = ?1 WHERE singleton = 0";

// The first query's one integer (NULL read as 0).
base::Result<std::int64_t> OneInt(Query query) {
  base::Result<bool> row = query.Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::Internal("corrupt store: no search progress");
  return query.OptionalInt64(0).value_or(0);
}

}  // namespace

base::Result<bool> IndexMessages(Connection& db, std::size_t limit) {
  // Nothing to index (the usual case for a search): no write lock taken.
  base::Result<bool> pending = Exists(db, kAnyUnindexed);
  if (!pending.ok()) return pending.error();
  if (!*pending) return false;
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  base::Result<Query> progress = db.Prepare(kSelectProgress);
  if (!progress.ok()) return progress.error();
  base::Result<std::int64_t> from = OneInt(std::move(*progress));
  if (!from.ok()) return from.error();
  base::Result<Query> last = db.Prepare(kSelectLast);
  if (!last.ok()) return last.error();
  last->BindAll(*from, static_cast<std::int64_t>(limit));
  base::Result<std::int64_t> to = OneInt(std::move(*last));
  if (!to.ok()) return to.error();
  if (*to <= *from) return false;
  {
    base::Result<Query> index = db.Prepare(kIndex);
    if (!index.ok()) return index.error();
    if (base::Status done = index->BindAll(*from, *to).Run(); !done.ok()) return done.error();
  }
  {
    base::Result<Query> set = db.Prepare(kSetProgress);
    if (!set.ok()) return set.error();
    if (base::Status done = set->BindAll(*to).Run(); !done.ok()) return done.error();
  }
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return true;
}

base::Status CatchUpSearchIndex(Connection& db) {
  while (true) {
    base::Result<bool> indexed = IndexMessages(db, kSearchIndexMaxBatch);
    if (!indexed.ok()) return indexed.error();
    if (!*indexed) return base::Status::Ok();
  }
}

void SearchBatching::Committed(Connection& db, std::size_t appended) {
  unindexed_ += appended;
  if (unindexed_ < kSearchIndexBatch) return;
  // The count only says when to index: the batch takes whatever is unindexed, up to a cap (a
  // batch undone with an enclosing transaction leaves messages the count no longer covers).
  if (IndexMessages(db, kSearchIndexMaxBatch).ok()) unindexed_ = 0;
}

base::Status SearchBatching::CatchUp(Connection& db) {
  base::Status done = CatchUpSearchIndex(db);
  if (done.ok()) unindexed_ = 0;
  return done;
}

}  // namespace store::sqlite
