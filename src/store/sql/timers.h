// Durable timers, at most one of each kind per conversation, on either backend's connection;
// each function expects its caller to serialize access to `db`.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/decision.h"
#include "core/store.h"
#include "store/sql/statements.h"

namespace store::sql {

// Sets the conversation's timer of `change.kind` to `change.due_at`, replacing any pending one
// (and its claim's lease), or cancels it when `due_at` is nullopt. REQUIRES: inside a write
// transaction, the conversation exists in the workspace.
base::Status ApplyTimerChange(auto& db, std::int64_t workspace_id, std::int64_t conversation_id,
                              const core::TimerChange& change) {
  static constexpr std::string_view kUpsert =
      "INSERT INTO timers (workspace_id, conversation_id, kind, due_at_ms) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (conversation_id, kind)"
      " DO UPDATE SET due_at_ms = excluded.due_at_ms, lease_until_ms = NULL";
  static constexpr std::string_view kDelete =
      "DELETE FROM timers WHERE workspace_id = $1 AND conversation_id = $2 AND kind = $3";
  const std::string_view kind = core::ToString(change.kind);
  if (change.due_at) {
    return RunStatement(db, kUpsert, workspace_id, conversation_id, kind, *change.due_at);
  }
  return RunStatement(db, kDelete, workspace_id, conversation_id, kind);
}

// Timers of `kind` due at or before `now`, earliest first (ties by conversation id), at most
// `limit`, across all workspaces.
base::Result<std::vector<core::DueTimer>> DueTimers(auto& db, core::TimerKind kind,
                                                    base::TimePoint now, std::size_t limit) {
  static constexpr std::string_view kSelect =
      "SELECT workspace_id, conversation_id, due_at_ms FROM timers WHERE kind = $1 AND"
      " due_at_ms <= $2 ORDER BY due_at_ms, conversation_id LIMIT $3";
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  q->BindAll(core::ToString(kind), now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
  return ReadAll(*q, [&](const auto& r) {
    return core::DueTimer{r.Int64(0), r.Int64(1), kind, r.Time(2)};
  });
}

// How many timers of `kind` are due at or before `now`, across all workspaces.
base::Result<std::size_t> CountDueTimers(auto& db, core::TimerKind kind, base::TimePoint now) {
  static constexpr std::string_view kCount =
      "SELECT COUNT(*) FROM timers WHERE kind = $1 AND due_at_ms <= $2";
  auto q = db.Prepare(kCount);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(core::ToString(kind), now).Step();
  if (!row.ok()) return row.error();
  return static_cast<std::size_t>(q->Int64(0));
}

// The earliest pending timer of the workspace, nullopt when it has none.
base::Result<std::optional<base::TimePoint>> NextTimer(auto& db, std::int64_t workspace_id) {
  static constexpr std::string_view kSelect =
      "SELECT MIN(due_at_ms) FROM timers WHERE workspace_id = $1";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(workspace_id).Step();
  if (!row.ok()) return row.error();
  // MIN over no rows is one NULL row.
  if (!*row) return std::optional<base::TimePoint>();
  return q->OptionalTime(0);
}

}  // namespace store::sql
