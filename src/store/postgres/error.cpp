#include "store/postgres/error.h"

#include <libpq-fe.h>

#include <string>

namespace store::postgres {

base::Error ErrorFromState(std::string_view state, std::string_view message) {
  const std::string text = "database error: " + std::string(message);
  if (state == "23505") return base::Error::AlreadyExists(text);
  if (state == "40001" || state == "40P01") return base::Error::Conflict(text);
  if (state.starts_with("08") || state.starts_with("53") || state.starts_with("57") ||
      state == "55P03") {
    return base::Error::Unavailable(text);
  }
  return base::Error::Internal(text);
}

base::Error ErrorFromResult(const pg_result* result, pg_conn* connection) {
  if (result == nullptr) {
    return base::Error::Unavailable("database error: " + std::string(PQerrorMessage(connection)));
  }
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  // No SQLSTATE: libpq's own failure (the connection dropped mid-statement).
  if (state == nullptr) {
    return base::Error::Unavailable("database error: " + std::string(PQerrorMessage(connection)));
  }
  return ErrorFromState(state, message != nullptr ? message : "");
}

}  // namespace store::postgres
