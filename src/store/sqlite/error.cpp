#include "store/sqlite/error.h"

#include <sqlite3.h>

#include <string>

namespace store::sqlite {

base::Error ErrorFromCode(int rc) {
  // sqlite3_errstr describes the code only; sqlite3_errmsg could quote schema or SQL.
  std::string message = std::string("database error: ") + sqlite3_errstr(rc);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return base::Error::AlreadyExists(std::move(message));
  }
  constexpr int kPrimaryCodeMask = 0xff;
  switch (rc & kPrimaryCodeMask) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM:
    case SQLITE_INTERRUPT:
      return base::Error::Unavailable(std::move(message));
    default:
      return base::Error::Internal(std::move(message));
  }
}

}  // namespace store::sqlite
