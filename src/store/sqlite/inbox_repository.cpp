#include "store/sqlite/inbox_repository.h"

#include <algorithm>
#include <limits>

#include "store/sqlite/enum_column.h"
#include "store/sqlite/sql.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO inbox (channel, body, received_at_ms, attempts, not_before_ms)"
    " VALUES (?1, ?2, ?3, 0, ?3)";
constexpr std::string_view kSelectDue =
    "SELECT id, channel, body, received_at_ms, attempts FROM inbox WHERE not_before_ms <= ?1"
    " AND parked_reason IS NULL ORDER BY not_before_ms, id LIMIT ?2";
constexpr std::string_view kDelete = "DELETE FROM inbox WHERE id = ?1";
constexpr std::string_view kPark = "UPDATE inbox SET parked_reason = ?2 WHERE id = ?1";
constexpr std::string_view kRetry =
    "UPDATE inbox SET attempts = attempts + 1, not_before_ms = ?2 WHERE id = ?1";
constexpr std::string_view kDepth =
    "SELECT COALESCE(SUM(parked_reason IS NULL AND not_before_ms <= ?1), 0),"
    " COALESCE(SUM(parked_reason IS NULL AND not_before_ms > ?1), 0),"
    " COALESCE(SUM(parked_reason IS NOT NULL), 0) FROM inbox";

}  // namespace

base::Result<std::int64_t> AppendInbox(Connection& db, core::Channel channel,
                                       std::string_view raw_body, base::TimePoint received_at) {
  base::Result<Query> insert = db.Prepare(kInsert);
  if (!insert.ok()) return insert.error();
  base::Status done = insert->BindAll(core::ToString(channel), raw_body, received_at).Run();
  if (!done.ok()) return done.error();
  return db.LastInsertId();
}

base::Result<std::vector<core::InboxItem>> PendingInbox(Connection& db, base::TimePoint now,
                                                        std::size_t limit) {
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  base::Result<Query> q = db.Prepare(kSelectDue);
  if (!q.ok()) return q.error();
  q->BindAll(now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
  std::vector<core::InboxItem> items;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return items;
    base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(*q, 1, "channel");
    if (!channel.ok()) return channel.error();
    items.push_back({q->Int64(0), *channel, q->Text(2), q->Time(3), static_cast<int>(q->Int64(4))});
  }
}

base::Status FinishInbox(Connection& db, std::span<const std::int64_t> ids) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  for (std::int64_t id : ids) {
    base::Result<Query> q = db.Prepare(kDelete);
    if (!q.ok()) return q.error();
    if (base::Status done = q->BindAll(id).Run(); !done.ok()) return done;
    if (base::Status found = RequireChanged(db, "inbox item"); !found.ok()) {
      return found;
    }
  }
  return txn->Commit();
}

base::Status RetryInbox(Connection& db, std::int64_t id, base::TimePoint at) {
  base::Result<Query> q = db.Prepare(kRetry);
  if (!q.ok()) return q.error();
  if (base::Status done = q->BindAll(id, at).Run(); !done.ok()) return done;
  return RequireChanged(db, "inbox item");
}

base::Status ParkInbox(Connection& db, std::int64_t id, const std::string& reason) {
  base::Result<Query> q = db.Prepare(kPark);
  if (!q.ok()) return q.error();
  if (base::Status done = q->BindAll(id, reason).Run(); !done.ok()) return done;
  return RequireChanged(db, "inbox item");
}

base::Result<core::InboxDepth> MeasureInbox(Connection& db, base::TimePoint now) {
  base::Result<Query> q = db.Prepare(kDepth);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(now).Step();
  if (!row.ok()) return row.error();
  return core::InboxDepth{q->Int64(0), q->Int64(1), q->Int64(2)};
}

}  // namespace store::sqlite
