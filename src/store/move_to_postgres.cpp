#include "store/move_to_postgres.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "store/database.h"
#include "store/media_bytes.h"
#include "store/postgres/connection.h"
#include "store/postgres/migrations.h"
#include "store/postgres/transaction.h"
#include "store/sqlite/callback_queue.h"
#include "store/sqlite/sqlite_database.h"

namespace store {
namespace {

// PostgreSQL tables that are not copied row for row: its migrations' own record, and the two
// whose rows live elsewhere in an embedded installation (deliveries in the inbox file, media
// bytes in files).
constexpr std::string_view kMigrationsTable = "schema_migrations";
constexpr std::string_view kCallbacksTable = "callbacks";
constexpr std::string_view kMediaFilesTable = "media_files";
// The SQLite table the callbacks come from, in the inbox file (sqlite::CallbackQueue::PathFor).
constexpr std::string_view kInboxTable = "inbox";

constexpr std::string_view kTables =
    "SELECT table_name FROM information_schema.tables"
    " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
constexpr std::string_view kColumns =
    "SELECT column_name, data_type FROM information_schema.columns"
    " WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'"
    " ORDER BY ordinal_position";
constexpr std::string_view kReferences =
    "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c"
    " JOIN pg_namespace n ON n.oid = c.connamespace"
    " WHERE c.contype = 'f' AND n.nspname = current_schema() AND c.conrelid <> c.confrelid";
constexpr std::string_view kIdentities =
    "SELECT table_name, column_name FROM information_schema.columns"
    " WHERE table_schema = current_schema() AND is_identity = 'YES'";
constexpr std::string_view kHeldData =
    "SELECT (SELECT COUNT(*) FROM workspaces) + (SELECT COUNT(*) FROM users)";

struct Column {
  std::string name;
  bool bytes = false;  // bytea
};

// A read-only connection to a SQLite file, closed with the object.
class SqliteReader {
 public:
  static base::Result<SqliteReader> Open(const std::string& path) {
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      std::string reason = handle != nullptr ? sqlite3_errmsg(handle) : "no memory";
      sqlite3_close(handle);
      return base::Error::Unavailable("cannot read '" + path + "': " + reason);
    }
    return SqliteReader(handle);
  }
  SqliteReader(SqliteReader&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  SqliteReader& operator=(SqliteReader&&) = delete;
  ~SqliteReader() { sqlite3_close(handle_); }

  // The table's columns; empty when it has none (it does not exist).
  base::Result<std::set<std::string>> Columns(std::string_view table) {
    const std::string sql = "PRAGMA table_info(\"" + std::string(table) + "\")";
    std::set<std::string> columns;
    base::Status read = Each(sql, [&](sqlite3_stmt* row) {
      columns.insert(reinterpret_cast<const char*>(sqlite3_column_text(row, 1)));
    });
    if (!read.ok()) return read.error();
    return columns;
  }

  // Calls `row` for each row of `sql`.
  template <typename Row>
  base::Status Each(const std::string& sql, Row row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      return base::Error::Internal(sql + ": " + sqlite3_errmsg(handle_));
    }
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) row(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return base::Error::Unavailable(sql + ": " + sqlite3_errmsg(handle_));
    return base::Status::Ok();
  }

 private:
  explicit SqliteReader(sqlite3* handle) : handle_(handle) {}
  sqlite3* handle_;
};

// `bytes` as a field of COPY's text format.
void AppendText(std::string& out, std::string_view bytes) {
  for (const char c : bytes) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
}

// `bytes` as a bytea field of COPY's text format: \\x and two hex digits a byte.
void AppendBytes(std::string& out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\\\x";
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
}

// Column `i` of `row` as a field of COPY's text format for `column`.
void AppendField(std::string& out, sqlite3_stmt* row, int i, const Column& column) {
  const int type = sqlite3_column_type(row, i);
  if (type == SQLITE_NULL) {
    out += "\\N";
    return;
  }
  if (type == SQLITE_INTEGER) {
    out += std::to_string(sqlite3_column_int64(row, i));
    return;
  }
  if (type == SQLITE_FLOAT) {
    char number[32];
    std::snprintf(number, sizeof number, "%.17g", sqlite3_column_double(row, i));
    out += number;
    return;
  }
  const void* data = type == SQLITE_BLOB ? sqlite3_column_blob(row, i)
                                         : static_cast<const void*>(sqlite3_column_text(row, i));
  const std::string_view bytes(static_cast<const char*>(data),
                               static_cast<std::size_t>(sqlite3_column_bytes(row, i)));
  if (column.bytes) {
    AppendBytes(out, bytes);
  } else {
    AppendText(out, bytes);
  }
}

// Runs COPY `table` (`columns`) FROM STDIN on `db` with the rows `produce` appends (each ending in
// a newline) to the buffer it is given, flushing as it goes.
template <typename Produce>
base::Status Copy(postgres::Connection& db, std::string_view table,
                  const std::vector<Column>& columns, Produce produce) {
  std::string sql = "COPY \"" + std::string(table) + "\" (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i == 0 ? "\"" : ", \"") + columns[i].name + "\"";
  }
  sql += ") FROM STDIN";
  pg_conn* handle = db.handle();
  PGresult* started = PQexec(handle, sql.c_str());
  const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
  PQclear(started);
  if (!copying) return base::Error::Internal(sql + ": " + PQerrorMessage(handle));
  std::string buffer;
  bool sent = true;
  auto flush = [&] {
    if (sent && !buffer.empty()) {
      sent = PQputCopyData(handle, buffer.data(), static_cast<int>(buffer.size())) == 1;
    }
    buffer.clear();
  };
  base::Status produced = produce(buffer, flush);
  flush();
  const bool ended = PQputCopyEnd(handle, produced.ok() && sent ? nullptr : "stopped") == 1;
  PGresult* result = PQgetResult(handle);
  const bool done = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string reason = PQresultErrorMessage(result);
  PQclear(result);
  while (PGresult* rest = PQgetResult(handle)) PQclear(rest);
  if (!produced.ok()) return produced;
  if (!ended || !sent || !done)
    return base::Error::Unavailable("copying " + std::string(table) + ": " + reason);
  return base::Status::Ok();
}

// The rows of the two-column query `sql`.
base::Result<std::vector<std::pair<std::string, std::string>>> Pairs(postgres::Connection& db,
                                                                     std::string_view sql) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  std::vector<std::pair<std::string, std::string>> out;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return out;
    out.emplace_back(q->Text(0), q->Text(1));
  }
}

// The tables of `db` to copy rows into, each after the tables it references.
base::Result<std::vector<std::string>> TablesInOrder(postgres::Connection& db) {
  auto q = db.Prepare(kTables);
  if (!q.ok()) return q.error();
  std::vector<std::string> left;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    std::string table = q->Text(0);
    if (table != kMigrationsTable && table != kMediaFilesTable) left.push_back(std::move(table));
  }
  auto references = Pairs(db, kReferences);
  if (!references.ok()) return references.error();
  std::vector<std::string> ordered;
  while (!left.empty()) {
    auto ready = std::ranges::find_if(left, [&](const std::string& table) {
      return std::ranges::none_of(*references, [&](const auto& edge) {
        return edge.first == table && std::ranges::find(left, edge.second) != left.end();
      });
    });
    if (ready == left.end()) return base::Error::Internal("the tables reference each other");
    ordered.push_back(*ready);
    left.erase(ready);
  }
  return ordered;
}

base::Result<std::vector<Column>> ColumnsOf(postgres::Connection& db, const std::string& table) {
  auto q = db.Prepare(kColumns);
  if (!q.ok()) return q.error();
  q->Bind(1, table);
  std::vector<Column> columns;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return columns;
    columns.push_back({q->Text(0), q->TextView(1) == "bytea"});
  }
}

// Copies `table` from `source`'s `source_table`: the columns PostgreSQL has, the ones it has and
// SQLite lacks taking their defaults. Returns the rows copied.
base::Result<std::int64_t> CopyTable(SqliteReader& source, std::string_view source_table,
                                     postgres::Connection& db, const std::string& table) {
  auto wanted = ColumnsOf(db, table);
  if (!wanted.ok()) return wanted.error();
  auto present = source.Columns(source_table);
  if (!present.ok()) return present.error();
  if (present->empty()) {
    return base::Error::FailedPrecondition("the SQLite database has no table " +
                                           std::string(source_table));
  }
  std::vector<Column> columns;
  for (Column& c : *wanted) {
    if (present->erase(c.name) > 0) columns.push_back(std::move(c));
  }
  if (!present->empty()) {
    return base::Error::FailedPrecondition("the PostgreSQL table " + table + " has no column " +
                                           *present->begin());
  }
  std::string select = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    select += (i == 0 ? "\"" : ", \"") + columns[i].name + "\"";
  }
  select += " FROM \"" + std::string(source_table) + "\"";
  std::int64_t rows = 0;
  base::Status copied = Copy(db, table, columns, [&](std::string& out, const auto& flush) {
    return source.Each(select, [&](sqlite3_stmt* row) {
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) out += '\t';
        AppendField(out, row, static_cast<int>(i), columns[i]);
      }
      out += '\n';
      ++rows;
      if (out.size() > (1 << 20)) flush();
    });
  });
  if (!copied.ok()) return copied.error();
  return rows;
}

// Copies the bytes of every media file the copied media rows name. Returns how many.
base::Result<std::int64_t> CopyMediaFiles(SqliteReader& source, MediaBytes& files,
                                          postgres::Connection& db) {
  std::vector<std::string> hashes;
  base::Status listed =
      source.Each("SELECT DISTINCT sha256 FROM media WHERE sha256 <> ''", [&](sqlite3_stmt* row) {
        hashes.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(row, 0)));
      });
  if (!listed.ok()) return listed.error();
  const std::vector<Column> columns = {{"sha256", false}, {"bytes", true}};
  base::Status copied =
      Copy(db, kMediaFilesTable, columns, [&](std::string& out, const auto& flush) -> base::Status {
        for (const std::string& sha256 : hashes) {
          auto bytes = files.Read(sha256);
          if (!bytes.ok()) {
            return base::Error::NotFound("media file " + sha256 +
                                         " is missing: " + bytes.error().message);
          }
          AppendText(out, sha256);
          out += '\t';
          AppendBytes(out, *bytes);
          out += '\n';
          flush();
        }
        return base::Status::Ok();
      });
  if (!copied.ok()) return copied.error();
  return static_cast<std::int64_t>(hashes.size());
}

// Sets every identity of `db` to go on after the largest id copied.
base::Status ContinueIdentities(postgres::Connection& db) {
  auto identities = Pairs(db, kIdentities);
  if (!identities.ok()) return identities.error();
  for (const auto& [table, column] : *identities) {
    const std::string sql = "SELECT setval(pg_get_serial_sequence('\"" + table + "\"', '" + column +
                            "'), COALESCE(MAX(\"" + column + "\"), 0) + 1, false) FROM \"" + table +
                            "\"";
    if (base::Status set = db.Execute(sql); !set.ok()) return set;
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<MovedData> MoveToPostgres(std::string_view from, std::string_view to,
                                       const std::string& media_directory) {
  auto source_url = ParseDatabaseUrl(from);
  if (!source_url.ok()) return source_url.error();
  auto target_url = ParseDatabaseUrl(to);
  if (!target_url.ok()) return target_url.error();
  if (source_url->backend != Backend::kSqlite || target_url->backend != Backend::kPostgres) {
    return base::Error::InvalidArgument(
        "a move goes from a SQLite database (--from sqlite:PATH) to a PostgreSQL one (--db "
        "postgres://...)");
  }
  const std::string& path = source_url->target;
  if (!std::filesystem::exists(path)) {
    return base::Error::InvalidArgument("there is no SQLite database at '" + path + "'");
  }
  // Held until the move ends: no serve changes the file meanwhile.
  auto held = sqlite::SqliteDatabase::Open(path, media_directory, /*serving=*/true);
  if (!held.ok()) return held.error();
  auto rows = SqliteReader::Open(path);
  if (!rows.ok()) return rows.error();
  auto inbox = SqliteReader::Open(sqlite::CallbackQueue::PathFor(path));
  if (!inbox.ok()) return inbox.error();

  if (auto migrated = MigrateDatabase(to); !migrated.ok()) return migrated.error();
  auto db = postgres::Connection::Open(target_url->target);
  if (!db.ok()) return db.error();
  auto txn = postgres::Transaction::Begin(**db);
  if (!txn.ok()) return txn.error();
  {
    auto q = (*db)->Prepare(kHeldData);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (q->Int64(0) > 0) {
      return base::Error::FailedPrecondition("the PostgreSQL database '" + target_url->Redacted() +
                                             "' already holds workspaces or users: a move "
                                             "goes into an empty one");
    }
  }
  auto tables = TablesInOrder(**db);
  if (!tables.ok()) return tables.error();
  MovedData moved;
  for (const std::string& table : *tables) {
    auto copied = table == kCallbacksTable ? CopyTable(*inbox, kInboxTable, **db, table)
                                           : CopyTable(*rows, table, **db, table);
    if (!copied.ok()) return copied.error();
    moved.rows[table] = *copied;
  }
  auto files = CopyMediaFiles(*rows, (*held)->media_bytes(), **db);
  if (!files.ok()) return files.error();
  moved.files = *files;
  if (base::Status continued = ContinueIdentities(**db); !continued.ok()) return continued.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  // The planner's statistics for what was just copied, before anyone serves it: without them the
  // first searches would read whole tables. A failure here leaves that to autovacuum.
  (void)(*db)->Execute("ANALYZE");
  return moved;
}

}  // namespace store
