// Timers claimed by instances sharing a PostgreSQL database (core::Store::ClaimTimers): the due
// timers a claim takes are locked (FOR UPDATE SKIP LOCKED: instances claim different timers
// without waiting for each other) and leased (lease_until_ms) until the lease's end; a decision
// that sets or cancels the timer ends the lease. Expects its caller to serialize access to `db`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/store.h"
#include "store/postgres/connection.h"

namespace store::postgres {

// Timers of `kind` due at `now` and not leased, earliest first (ties by conversation), at most
// `limit`, now leased until `lease_until` by the instance named `claimer`.
base::Result<std::vector<core::DueTimer>> ClaimDueTimers(Connection& db, core::TimerKind kind,
                                                         base::TimePoint now, std::size_t limit,
                                                         base::TimePoint lease_until,
                                                         const std::string& claimer);

}  // namespace store::postgres
