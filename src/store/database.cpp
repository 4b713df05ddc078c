#include "store/database.h"

#include "store/postgres/connection.h"
#include "store/postgres/migrations.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_database.h"

namespace store {

namespace {

base::Error Naming(const DatabaseUrl& url, const base::Error& e) {
  return {e.code, "cannot open database '" + url.Redacted() + "': " + e.message};
}

}  // namespace

base::Result<std::int64_t> MigrateDatabase(std::string_view url) {
  base::Result<DatabaseUrl> parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.error();
  switch (parsed->backend) {
    case Backend::kSqlite: {
      auto file = sqlite::DatabaseFile::Open(parsed->target);
      if (!file.ok()) return file.error();
      return static_cast<std::int64_t>(sqlite::Migrations().back().version);
    }
    case Backend::kPostgres: {
      auto db = postgres::Connection::Open(parsed->target);
      if (!db.ok()) return Naming(*parsed, db.error());
      if (base::Status done = postgres::Migrate(**db, postgres::Migrations()); !done.ok()) {
        return Naming(*parsed, done.error());
      }
      return postgres::SchemaVersion(**db);
    }
  }
  return base::Error::Internal("unknown backend");
}

base::Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                     const DatabaseOptions& options) {
  base::Result<DatabaseUrl> parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.error();
  switch (parsed->backend) {
    case Backend::kSqlite: {
      auto db =
          sqlite::SqliteDatabase::Open(parsed->target, options.media_directory, options.serving);
      if (!db.ok()) return db.error();
      return std::unique_ptr<Database>(std::move(*db));
    }
    case Backend::kPostgres: {
      auto db = postgres::PostgresDatabase::Open(parsed->target, options);
      if (!db.ok()) return Naming(*parsed, db.error());
      return std::unique_ptr<Database>(std::move(*db));
    }
  }
  return base::Error::Internal("unknown backend");
}

}  // namespace store
