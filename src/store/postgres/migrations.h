// The PostgreSQL schema's history as versioned migrations, applied under an advisory lock so that
// several instances starting at once apply each exactly once.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"
#include "store/postgres/connection.h"

namespace store::postgres {

struct Migration {
  std::int64_t version = 0;  // 1, 2, 3... in order
  std::string_view name;
  const char* sql = nullptr;  // one or more statements
};

// Every migration of the schema, oldest first. Append new ones; never edit one that shipped.
std::span<const Migration> Migrations();

// The newest migration `db` has applied (0 for an empty database).
base::Result<std::int64_t> SchemaVersion(Connection& db);

// Applies each of `migrations` that `db` lacks, in order, each in its own transaction, recorded
// in `schema_migrations`: under a session advisory lock (another instance migrating meanwhile
// waits, then finds the work done). kFailedPrecondition when the database has a migration this
// build does not know (a newer frontdesk migrated it). REQUIRES: no transaction is open on `db`,
// and `db` is a direct connection (not through a transaction-mode pooler).
base::Status Migrate(Connection& db, std::span<const Migration> migrations);

}  // namespace store::postgres
