#include "store/postgres/postgres_database.h"

#include "store/postgres/migrations.h"

namespace store::postgres {

base::Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(
    const std::string& conninfo) {
  base::Result<std::unique_ptr<Pool>> pool = Pool::Open(conninfo, kConnections);
  if (!pool.ok()) return pool.error();
  base::Status migrated =
      (*pool)->Writing([](Connection& db) { return Migrate(db, Migrations()); });
  if (!migrated.ok()) return migrated.error();
  return std::unique_ptr<PostgresDatabase>(new PostgresDatabase(std::move(*pool)));
}

}  // namespace store::postgres
