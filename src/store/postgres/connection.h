// One libpq connection of the PostgreSQL backend, with its prepared statements, and Query, one use
// of a statement. The API is sqlite::Connection's and sqlite::Query's (store/sqlite/statement.h),
// so that the SQL both backends share (store/sql/) runs on either: parameters are always bound
// ($1, $2, ... sent as text), never spliced into SQL; parameters are 1-based, columns 0-based.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "base/time.h"

struct pg_conn;
struct pg_result;

namespace store::postgres {

class Connection;

// One use of a prepared statement: bind, then Step through its rows (the first Step runs it) or
// Run it. Not thread-safe (neither is its Connection).
class Query {
 public:
  Query(Connection& db, std::string name) : db_(&db), name_(std::move(name)) {}
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  Query& Bind(int index, std::int64_t value);
  Query& Bind(int index, std::string_view value);
  Query& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Query& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Query& Bind(int index, std::nullopt_t);
  Query& Bind(int index, const std::optional<std::int64_t>& value);
  Query& Bind(int index, const std::optional<std::string_view>& value);
  Query& Bind(int index, base::TimePoint value) { return Bind(index, base::ToMillis(value)); }
  Query& Bind(int index, const std::optional<base::TimePoint>& value);
  // A bytea parameter: `bytes` as they are (sent in binary, so any byte is kept).
  Query& BindBytes(int index, std::string_view bytes);

  // Binds `args` to parameters 1, 2, ... in order.
  template <typename... Args>
  Query& BindAll(const Args&... args) {
    int index = 0;
    (Bind(++index, args), ...);
    return *this;
  }

  // Advances to the next row (running the statement on the first call): true when a row is
  // ready, false when there are no more.
  base::Result<bool> Step();
  // Runs the statement, ignoring its rows (for INSERT, UPDATE, DELETE).
  base::Status Run();

  // The current row's columns. REQUIRES: the last Step returned true.
  bool IsNull(int column) const;
  std::int64_t Int64(int column) const;
  std::optional<std::int64_t> OptionalInt64(int column) const;
  std::string Text(int column) const;
  // Valid until the Query's destruction.
  std::string_view TextView(int column) const;
  base::TimePoint Time(int column) const { return base::FromMillis(Int64(column)); }
  std::optional<base::TimePoint> OptionalTime(int column) const;
  // A bytea column's bytes.
  std::string Bytes(int column) const;

 private:
  base::Status Execute();

  Connection* db_;
  std::string name_;
  std::vector<std::optional<std::string>> params_;
  std::vector<int> formats_;     // per parameter: 0 text, 1 binary (bytea)
  pg_result* result_ = nullptr;  // once run
  int row_ = -1;
};

// `values` as a PostgreSQL array literal ("{1,2,3}"), for a parameter cast to bigint[].
std::string Int64Array(std::span<const std::int64_t> values);

// Not thread-safe: its owner (the Pool) gives it to one thread at a time.
class Connection {
 public:
  // Connects with `conninfo` (a postgres:// URI or key=value pairs). kUnavailable with libpq's
  // reason (which never holds the password) when the server cannot be reached or refuses.
  static base::Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);

  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A use of the prepared statement for `sql`, prepared on this connection once.
  // REQUIRES: `sql` has static storage duration (a literal): the cache keys on its address.
  base::Result<Query> Prepare(std::string_view sql);

  // Runs one or more statements without parameters or preparing (schema changes, BEGIN).
  base::Status Execute(const std::string& sql);

  // Rows changed by the statement run last.
  std::int64_t Changes() const { return changes_; }
  // Whether a transaction is open (or failed and not rolled back yet).
  bool InTransaction() const;
  // Whether the open transaction failed: its statements are refused until it rolls back.
  bool TransactionFailed() const;
  // Whether the connection to the server was lost; the pool then replaces it.
  bool broken() const;

  // The libpq handle, for what this class does not cover (LISTEN's socket).
  pg_conn* handle() { return handle_; }

 private:
  friend class Query;
  explicit Connection(pg_conn* handle) : handle_(handle) {}
  // `result` when it succeeded (noting the rows it changed), else its error (and `result` freed).
  base::Result<pg_result*> Checked(pg_result* result);

  pg_conn* handle_;
  std::unordered_map<const char*, std::string> statements_;  // sql's address -> its name
  std::int64_t changes_ = 0;
};

}  // namespace store::postgres
