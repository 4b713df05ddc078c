#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

base::Status RunOnce(Connection& db, std::string_view sql) {
  base::Result<Query> query = db.Prepare(sql);
  if (!query.ok()) return query.error();
  return query->Run();
}

constexpr std::string_view kSavepoint = "SAVEPOINT nested";
constexpr std::string_view kRelease = "RELEASE nested";
constexpr std::string_view kRollbackSavepoint = "ROLLBACK TO nested";

}  // namespace

base::Result<Transaction> Transaction::Begin(Connection& db, TransactionKind kind) {
  const bool nested = db.InTransaction();
  const std::string_view begin =
      nested ? kSavepoint : (kind == TransactionKind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  base::Status begun = RunOnce(db, begin);
  if (!begun.ok()) return begun.error();
  return Transaction(db, nested);
}

Transaction::~Transaction() { Rollback(); }

base::Status Transaction::Commit() {
  if (db_ == nullptr) return base::Error::Internal("database error: transaction already ended");
  base::Status committed = RunOnce(*db_, nested_ ? kRelease : "COMMIT");
  if (!committed.ok()) {
    Rollback();
    return committed;
  }
  db_ = nullptr;
  return base::Status::Ok();
}

void Transaction::Rollback() {
  if (db_ == nullptr) return;
  // SQLite may already have rolled back on its own (I/O error, full disk); nothing left to undo.
  if (db_->InTransaction()) {
    // A failed rollback leaves nothing more to try.
    if (nested_) {
      (void)RunOnce(*db_, kRollbackSavepoint);
      (void)RunOnce(*db_, kRelease);
    } else {
      (void)RunOnce(*db_, "ROLLBACK");
    }
  }
  db_ = nullptr;
}

}  // namespace store::sqlite
