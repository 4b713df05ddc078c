#include "store/sqlite/connection.h"

#include <sqlite3.h>

#include <utility>

#include "base/sha256.h"
#include "store/sqlite/error.h"
#include "store/sqlite/id_set.h"

namespace store::sqlite {
namespace {

// `sql` with PostgreSQL's parameters ($1, $2: the SQL the backends share) written as SQLite's
// numbered ones (?1, ?2), which bind by their number; SQLite would read "$1" as a name.
std::string NumberedParameters(std::string_view sql) {
  std::string text(sql);
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '$' && text[i + 1] >= '0' && text[i + 1] <= '9') text[i] = '?';
  }
  return text;
}

base::Error OpenError(const std::string& path, int rc) {
  return base::Error::Unavailable("cannot open database '" + path + "': " + sqlite3_errstr(rc));
}

// sha256_hex(text): base::Sha256Hex of its bytes; NULL for NULL.
void Sha256HexFunction(sqlite3_context* context, int, sqlite3_value** args) {
  if (sqlite3_value_type(args[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
  const std::string hex = base::Sha256Hex(
      std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(args[0]))));
  sqlite3_result_text(context, hex.data(), static_cast<int>(hex.size()), SQLITE_TRANSIENT);
}

}  // namespace

base::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path) {
  sqlite3* handle = nullptr;
  // NOMUTEX: the owner serializes every call, so SQLite's own per-call mutex is redundant.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(handle);  // a handle may be returned even on failure
    return OpenError(path, rc);
  }
  std::unique_ptr<Connection> connection(new Connection(handle));
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, static_cast<int>(kBusyTimeout.count()));
  // journal_mode is the first statement to read the file: a non-database fails here.
  const std::string pragmas =
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      " PRAGMA foreign_keys=ON; PRAGMA cache_size=-" +
      std::to_string(kCacheSizeKib) + ";";
  const int pragma_rc = sqlite3_exec(handle, pragmas.c_str(), nullptr, nullptr, nullptr);
  if (pragma_rc != SQLITE_OK) return OpenError(path, pragma_rc);
  for (const int function_rc :
       {RegisterIdIn(handle),
        sqlite3_create_function_v2(handle, "sha256_hex", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                   Sha256HexFunction, nullptr, nullptr, nullptr)}) {
    if (function_rc != SQLITE_OK) return OpenError(path, function_rc);
  }
  return connection;
}

Connection::~Connection() {
  statements_.clear();  // finalize every statement before closing
  sqlite3_close_v2(handle_);
}

base::Result<Query> Connection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* handle = nullptr;
    const std::string text = NumberedParameters(sql);
    const int rc = sqlite3_prepare_v3(handle_, text.data(), static_cast<int>(text.size()),
                                      SQLITE_PREPARE_PERSISTENT, &handle, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(handle);
      return ErrorFromCode(rc);
    }
    if (handle == nullptr) return base::Error::Internal("database error: empty statement");
    it = statements_.emplace(sql, std::make_unique<Statement>(handle)).first;
  }
  if (it->second->in_use()) return base::Error::Internal("database error: statement in use");
  return Query(*it->second);
}

base::Status Connection::Execute(const std::string& sql) {
  const int rc = sqlite3_exec(handle_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return ErrorFromCode(rc);
  return base::Status::Ok();
}

std::int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(handle_); }

std::int64_t Connection::Changes() const { return sqlite3_changes64(handle_); }

bool Connection::InTransaction() const { return sqlite3_get_autocommit(handle_) == 0; }

}  // namespace store::sqlite
