// The schema's history as versioned migrations, and applying the missing ones.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

struct Migration {
  std::int64_t version = 0;  // 1, 2, 3... in order
  std::string_view name;
  const char* sql = nullptr;  // one or more statements
};

// Every migration of the database, oldest first. Append new ones; never edit one that shipped.
std::span<const Migration> Migrations();

// Applies each of `migrations` (a file's history, oldest first) that `db` lacks, each once in its
// own write transaction, recording it in `schema_migrations`. Safe to run on every open and from
// several processes at once. kFailedPrecondition when the file has a migration this build does
// not know (a newer frontdesk wrote it); kUnavailable/kInternal from the database.
// REQUIRES: no transaction is open on `db`.
base::Status Migrate(Connection& db, std::span<const Migration> migrations);

}  // namespace store::sqlite
