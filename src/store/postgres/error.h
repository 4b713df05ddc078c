// Turns PostgreSQL errors into the store's caller-facing errors.
#pragma once

#include <string_view>

#include "base/result.h"

struct pg_result;
struct pg_conn;

namespace store::postgres {

// The error for SQLSTATE `state`, with `message` (the server's primary message, never SQL):
//   kAlreadyExists  23505, a UNIQUE or PRIMARY KEY constraint was violated;
//   kConflict       40001 and 40P01, a serialization failure or deadlock (retry the transaction);
//   kUnavailable    class 08 (the connection), 53 (resources: disk full, too many connections),
//                   55P03 (a lock not available), 57 (an operator intervened, a timeout);
//   kInternal       anything else: a constraint, a type, a syntax error (a bug).
base::Error ErrorFromState(std::string_view state, std::string_view message);

// The error of a failed statement's `result` (null when libpq could not even send it: then the
// connection's message).
base::Error ErrorFromResult(const pg_result* result, pg_conn* connection);

}  // namespace store::postgres
