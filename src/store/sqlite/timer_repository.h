// Durable timers, at most one of each kind per conversation: sqlite::Store's DueTimers,
// CountDueTimers and NextTimer are defined in the .cpp; ApplyTimerChange serves Commit and
// expects its caller to serialize access to `db`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/decision.h"
#include "core/store.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// Sets the conversation's timer of `change.kind` to `change.due_at`, replacing any pending one,
// or cancels it when `due_at` is nullopt. REQUIRES: inside a write transaction, the conversation
// exists in the workspace.
base::Status ApplyTimerChange(Connection& db, std::int64_t workspace_id,
                              std::int64_t conversation_id, const core::TimerChange& change);

}  // namespace store::sqlite
