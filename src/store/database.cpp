#include "store/database.h"

#include "store/sqlite/sqlite_database.h"

namespace store {

base::Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                     const DatabaseOptions& options) {
  base::Result<DatabaseUrl> parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.error();
  switch (parsed->backend) {
    case Backend::kSqlite: {
      auto db = sqlite::SqliteDatabase::Open(parsed->target, options.media_directory);
      if (!db.ok()) return db.error();
      return std::unique_ptr<Database>(std::move(*db));
    }
    case Backend::kPostgres:
      break;
  }
  return base::Error::Unavailable("cannot open database '" + parsed->Redacted() +
                                  "': this build has no PostgreSQL backend yet");
}

}  // namespace store
