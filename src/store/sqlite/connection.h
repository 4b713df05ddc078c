// A SQLite connection configured for the store, with a cache of prepared statements.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"
#include "store/sqlite/statement.h"

struct sqlite3;

namespace store::sqlite {

// How long a statement waits for another connection's lock before failing with kUnavailable.
constexpr std::chrono::milliseconds kBusyTimeout{5'000};
// The page cache per connection, in KiB: large enough for the random-key indexes (stack-probe §4).
constexpr std::int64_t kCacheSizeKib = 65'536;

// One open database. Not thread-safe: its owner serializes every call.
class Connection {
 public:
  // Opens the database at `path`, creating the file when missing, with WAL journaling,
  // synchronous=NORMAL, foreign keys on, kBusyTimeout, kCacheSizeKib, and the functions id_in
  // (id_set.h) and sha256_hex(text) (base::Sha256Hex). kUnavailable, naming the
  // path and SQLite's reason, when it cannot be opened or is not a database.
  static base::Result<std::unique_ptr<Connection>> Open(const std::string& path);

  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A use of the prepared statement for `sql`, prepared once and then reused. Parameters are
  // numbered: ?1, ?2 or, as in the SQL both backends share, $1, $2.
  // REQUIRES: `sql` has static storage duration (a literal): the cache keys on it. kInternal when
  // it does not compile, or when the same statement is still in use by another Query.
  base::Result<Query> Prepare(std::string_view sql);

  // Runs one or more statements without caching them (schema changes, pragmas).
  base::Status Execute(const std::string& sql);

  std::int64_t LastInsertId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t Changes() const;
  // True inside an explicit transaction.
  bool InTransaction() const;

 private:
  explicit Connection(sqlite3* handle) : handle_(handle) {}

  sqlite3* handle_;
  std::unordered_map<std::string_view, std::unique_ptr<Statement>> statements_;
};

}  // namespace store::sqlite
