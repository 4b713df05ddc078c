#include "store/sqlite/timer_repository.h"

#include <algorithm>
#include <limits>

#include "store/sqlite/store.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kUpsertTimer =
    "INSERT INTO timers (workspace_id, conversation_id, kind, due_at_ms) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (conversation_id, kind) DO UPDATE SET due_at_ms = excluded.due_at_ms";
constexpr std::string_view kDeleteTimer =
    "DELETE FROM timers WHERE workspace_id = ?1 AND conversation_id = ?2 AND kind = ?3";
constexpr std::string_view kSelectDue =
    "SELECT workspace_id, conversation_id, due_at_ms FROM timers WHERE kind = ?1 AND"
    " due_at_ms <= ?2 ORDER BY due_at_ms, conversation_id LIMIT ?3";
constexpr std::string_view kCountDue =
    "SELECT COUNT(*) FROM timers WHERE kind = ?1 AND due_at_ms <= ?2";
constexpr std::string_view kSelectNext =
    "SELECT MIN(due_at_ms) FROM timers WHERE workspace_id = ?1";

}  // namespace

base::Status ApplyTimerChange(Connection& db, std::int64_t workspace_id,
                              std::int64_t conversation_id, const core::TimerChange& change) {
  const std::string_view kind = core::ToString(change.kind);
  if (change.due_at) {
    base::Result<Query> upsert = db.Prepare(kUpsertTimer);
    if (!upsert.ok()) return upsert.error();
    return upsert->BindAll(workspace_id, conversation_id, kind, *change.due_at).Run();
  }
  base::Result<Query> cancel = db.Prepare(kDeleteTimer);
  if (!cancel.ok()) return cancel.error();
  return cancel->BindAll(workspace_id, conversation_id, kind).Run();
}

base::Result<std::vector<core::DueTimer>> Store::DueTimers(core::TimerKind kind,
                                                           base::TimePoint now, std::size_t limit) {
  auto [lock, db] = file_.Read();
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  base::Result<Query> q = db.Prepare(kSelectDue);
  if (!q.ok()) return q.error();
  q->BindAll(core::ToString(kind), now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
  std::vector<core::DueTimer> due;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return due;
    due.push_back({q->Int64(0), q->Int64(1), kind, q->Time(2)});
  }
}

base::Result<std::size_t> Store::CountDueTimers(core::TimerKind kind, base::TimePoint now) {
  auto [lock, db] = file_.Read();
  base::Result<Query> q = db.Prepare(kCountDue);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(core::ToString(kind), now).Step();
  if (!row.ok()) return row.error();
  return static_cast<std::size_t>(q->Int64(0));
}

base::Result<std::optional<base::TimePoint>> Store::NextTimer(std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectNext);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(workspace_id).Step();
  if (!row.ok()) return row.error();
  // MIN over no rows is one NULL row.
  if (!*row) return std::optional<base::TimePoint>();
  return q->OptionalTime(0);
}

}  // namespace store::sqlite
