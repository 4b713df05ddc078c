// Where the database is: `sqlite:PATH` (the embedded default; a bare path means the same) or a
// PostgreSQL connection URI, `postgres://user:password@host:port/name?…` (or `postgresql://`).
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace store {

enum class Backend { kSqlite, kPostgres };

struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  // The database file's path (kSqlite), or the whole URI, as libpq reads it (kPostgres).
  std::string target;

  // The URL for messages and logs: a password is never shown.
  std::string Redacted() const;
};

// kInvalidArgument, naming the accepted forms (and never the password), for an empty URL, an
// empty path, or another scheme ("mysql://…").
base::Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

}  // namespace store
