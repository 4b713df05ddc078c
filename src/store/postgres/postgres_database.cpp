#include "store/postgres/postgres_database.h"

#include "store/postgres/migrations.h"
#include "store/sql/statements.h"

namespace store::postgres {
namespace {

// What this instance held when it stopped is due again (in the order received).
constexpr std::string_view kTakeBackCallbacks =
    "UPDATE callbacks SET not_before_ms = received_at_ms, claimed_by = NULL,"
    " lease_until_ms = NULL WHERE claimed_by = $1 AND parked_reason IS NULL";
// ... and so are the timers it held.
constexpr std::string_view kTakeBackTimers =
    "UPDATE timers SET lease_until_ms = NULL, claimed_by = NULL"
    " WHERE claimed_by = $1 AND lease_until_ms IS NOT NULL";

}  // namespace

base::Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(
    const std::string& conninfo, const DatabaseOptions& options) {
  base::Result<std::unique_ptr<Pool>> pool =
      Pool::Open(conninfo, options.connections, options.instance);
  if (!pool.ok()) return pool.error();
  base::Status migrated = (*pool)->Writing([&](Connection& db) {
    base::Status done = Migrate(db, Migrations());
    if (done.ok() && options.serving) {
      done = RunStatement(db, kTakeBackCallbacks, (*pool)->instance());
    }
    if (done.ok() && options.serving) {
      done = RunStatement(db, kTakeBackTimers, (*pool)->instance());
    }
    return done;
  });
  if (!migrated.ok()) return migrated.error();
  return std::unique_ptr<PostgresDatabase>(new PostgresDatabase(std::move(*pool)));
}

}  // namespace store::postgres
