#include "store/sqlite/callback_queue.h"

#include <algorithm>
#include <array>
#include <limits>

#include "store/enum_name.h"
#include "store/sql/statements.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

// The queue file's own history (its `schema_migrations`), oldest first. Append new ones.
constexpr const char* kInboxSchema = R"sql(
CREATE TABLE inbox (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  body BLOB NOT NULL,
  received_at_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  not_before_ms INTEGER NOT NULL,
  parked_reason TEXT
);
CREATE INDEX inbox_by_due ON inbox (not_before_ms, id) WHERE parked_reason IS NULL;
)sql";
constexpr std::array kInboxMigrations{
    Migration{1, "raw webhook deliveries", kInboxSchema},
};

constexpr std::string_view kLegacyTable =
    "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'inbox'";
constexpr std::string_view kLegacyRows = "SELECT 1 FROM main.inbox LIMIT 1";
constexpr std::string_view kAttachInboxFile = "ATTACH DATABASE ?1 AS inbox_file";
constexpr const char* kCopyLegacyDeliveries =
    "INSERT OR IGNORE INTO inbox_file.inbox"
    " (id, channel, body, received_at_ms, attempts, not_before_ms, parked_reason)"
    " SELECT id, channel, body, received_at_ms, attempts, not_before_ms, parked_reason"
    " FROM main.inbox";
constexpr const char* kDetachInboxFile = "DETACH DATABASE inbox_file";

// Opens the queue's file at `path` and brings its schema up to date.
base::Result<std::unique_ptr<Connection>> OpenInboxFile(const std::string& path) {
  base::Result<std::unique_ptr<Connection>> db = Connection::Open(path);
  if (!db.ok()) return db.error();
  if (base::Status migrated = Migrate(**db, kInboxMigrations); !migrated.ok()) {
    const base::Error& e = migrated.error();
    return base::Error{e.code, "cannot open the inbox '" + path + "': " + e.message};
  }
  return db;
}

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

base::Result<std::int64_t> Append(Connection& db, core::Channel channel, std::string_view raw_body,
                                  base::TimePoint received_at) {
  base::Result<Query> insert = db.Prepare(kInsert);
  if (!insert.ok()) return insert.error();
  base::Status done = insert->BindAll(core::ToString(channel), raw_body, received_at).Run();
  if (!done.ok()) return done.error();
  return db.LastInsertId();
}

base::Result<std::vector<core::Callback>> Pending(Connection& db, base::TimePoint now,
                                                  std::size_t limit) {
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  base::Result<Query> q = db.Prepare(kSelectDue);
  if (!q.ok()) return q.error();
  q->BindAll(now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
  std::vector<core::Callback> items;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return items;
    base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(*q, 1, "channel");
    if (!channel.ok()) return channel.error();
    items.push_back({q->Int64(0), *channel, q->Text(2), q->Time(3), static_cast<int>(q->Int64(4))});
  }
}

base::Status Finish(Connection& db, std::span<const std::int64_t> ids) {
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

base::Status Retry(Connection& db, std::int64_t id, base::TimePoint at) {
  base::Result<Query> q = db.Prepare(kRetry);
  if (!q.ok()) return q.error();
  if (base::Status done = q->BindAll(id, at).Run(); !done.ok()) return done;
  return RequireChanged(db, "inbox item");
}

base::Status Park(Connection& db, std::int64_t id, const std::string& reason) {
  base::Result<Query> q = db.Prepare(kPark);
  if (!q.ok()) return q.error();
  if (base::Status done = q->BindAll(id, reason).Run(); !done.ok()) return done;
  return RequireChanged(db, "inbox item");
}

base::Result<core::CallbackDepth> Measure(Connection& db, base::TimePoint now) {
  base::Result<Query> q = db.Prepare(kDepth);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(now).Step();
  if (!row.ok()) return row.error();
  return core::CallbackDepth{q->Int64(0), q->Int64(1), q->Int64(2)};
}

}  // namespace

std::string CallbackQueue::PathFor(const std::string& database_path) {
  return database_path + "-inbox";
}

base::Result<std::unique_ptr<CallbackQueue>> CallbackQueue::Open(const std::string& database_path) {
  const std::string path = PathFor(database_path);
  base::Result<std::unique_ptr<Connection>> db = OpenInboxFile(path);
  if (!db.ok()) return db.error();
  // Checkpoints run in the background, never in an acknowledgement's commit.
  if (base::Status off = (*db)->Execute("PRAGMA wal_autocheckpoint=0"); !off.ok()) {
    return off.error();
  }
  auto checkpointer = Checkpointer::Start(path, kCheckpointEvery);
  if (!checkpointer.ok()) return checkpointer.error();
  return std::unique_ptr<CallbackQueue>(
      new CallbackQueue(std::move(*db), std::move(*checkpointer)));
}

CallbackQueue::CallbackQueue(std::unique_ptr<Connection> db,
                             std::unique_ptr<Checkpointer> checkpointer)
    : db_(std::move(db)), checkpointer_(std::move(checkpointer)) {}

CallbackQueue::~CallbackQueue() = default;

struct CallbackQueue::PendingAppend : GroupedWrite {
  PendingAppend(core::Channel c, std::string_view b, base::TimePoint at)
      : channel(c), body(b), received_at(at) {}
  core::Channel channel;
  std::string_view body;
  base::TimePoint received_at;
  base::Result<std::int64_t> result = base::Error::Internal("database error: not written");
};

base::Result<std::int64_t> CallbackQueue::AppendCallback(core::Channel channel,
                                                         std::string_view raw_body,
                                                         base::TimePoint received_at) {
  PendingAppend mine(channel, raw_body, received_at);
  appends_.Submit(mine);
  return std::move(mine.result);
}

void CallbackQueue::WriteAppends(std::span<GroupedWrite* const> batch) {
  std::lock_guard lock(mutex_);
  base::Result<Transaction> txn = Transaction::Begin(*db_, TransactionKind::kWrite);
  for (GroupedWrite* w : batch) {
    auto& p = static_cast<PendingAppend&>(*w);
    p.result = txn.ok() ? Append(*db_, p.channel, p.body, p.received_at)
                        : base::Result<std::int64_t>(txn.error());
  }
  if (!txn.ok()) return;
  if (base::Status done = txn->Commit(); !done.ok()) {
    // Nothing of the batch was kept.
    for (GroupedWrite* w : batch) static_cast<PendingAppend&>(*w).result = done.error();
  }
}

base::Result<std::vector<core::Callback>> CallbackQueue::ClaimCallbacks(
    base::TimePoint now, std::size_t limit, base::TimePoint /*lease_until*/) {
  std::lock_guard lock(mutex_);
  return Pending(*db_, now, limit);
}

base::Status CallbackQueue::FinishCallbacks(std::span<const std::int64_t> ids) {
  std::lock_guard lock(mutex_);
  return Finish(*db_, ids);
}

base::Status CallbackQueue::RetryCallback(std::int64_t id, base::TimePoint at) {
  std::lock_guard lock(mutex_);
  return Retry(*db_, id, at);
}

base::Status CallbackQueue::ParkCallback(std::int64_t id, const std::string& reason) {
  std::lock_guard lock(mutex_);
  return Park(*db_, id, reason);
}

base::Result<core::CallbackDepth> CallbackQueue::MeasureCallbacks(base::TimePoint now) {
  std::lock_guard lock(mutex_);
  return Measure(*db_, now);
}

base::Status MoveCallbacksToQueueFile(Connection& database, const std::string& database_path) {
  // No table (dropped once moved) or an empty one: nothing to move.
  base::Result<bool> table = Exists(database, kLegacyTable);
  if (!table.ok()) return table.error();
  if (!*table) return base::Status::Ok();
  base::Result<bool> rows = Exists(database, kLegacyRows);
  if (!rows.ok()) return rows.error();
  if (!*rows) return base::Status::Ok();
  {
    // Creates and migrates the file, then lets it go: the copy runs on `database`.
    base::Result<std::unique_ptr<Connection>> inbox =
        OpenInboxFile(CallbackQueue::PathFor(database_path));
    if (!inbox.ok()) return inbox.error();
  }
  base::Result<Query> attach = database.Prepare(kAttachInboxFile);
  if (!attach.ok()) return attach.error();
  if (base::Status attached = attach->BindAll(CallbackQueue::PathFor(database_path)).Run();
      !attached.ok()) {
    return attached;
  }
  base::Status copied = database.Execute(kCopyLegacyDeliveries);
  base::Status detached = database.Execute(kDetachInboxFile);
  if (!copied.ok()) return copied;
  return detached;
}

}  // namespace store::sqlite
