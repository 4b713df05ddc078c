// Prepared statements: Statement owns one (cached by its Connection); Query is one use of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/time.h"

struct sqlite3_stmt;

namespace store::sqlite {

class IdSet;

// A prepared statement, finalized on destruction. Owned by a Connection's cache; used through
// Query, one use at a time. Not thread-safe (neither is its Connection).
class Statement {
 public:
  explicit Statement(sqlite3_stmt* handle) : handle_(handle) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool in_use() const { return in_use_; }

 private:
  friend class Query;
  sqlite3_stmt* handle_;
  bool in_use_ = false;
};

// One use of a cached Statement: bind, step, read columns. Destruction resets the statement and
// clears its bindings, so it never holds a read snapshot or a lock past its use.
//
// Parameters are 1-based, columns 0-based. A failed bind is reported by the next Step or Run.
// Text and id sets are copied at bind time, so temporaries may be bound.
class Query {
 public:
  explicit Query(Statement& statement);
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
  Query& Bind(int index, const IdSet& ids);  // a BLOB for id_in (id_set.h)

  // Binds `args` to parameters 1, 2, ... in order.
  template <typename... Args>
  Query& BindAll(const Args&... args) {
    int index = 0;
    (Bind(++index, args), ...);
    return *this;
  }

  // Advances to the next row: true when a row is ready, false when the statement is done.
  base::Result<bool> Step();
  // Steps to completion, ignoring rows (for INSERT, UPDATE, DELETE).
  base::Status Run();

  // The current row's columns. REQUIRES: the last Step returned true.
  bool IsNull(int column) const;
  std::int64_t Int64(int column) const;
  std::optional<std::int64_t> OptionalInt64(int column) const;
  std::string Text(int column) const;
  // Valid until the next Step or the Query's destruction.
  std::string_view TextView(int column) const;
  base::TimePoint Time(int column) const { return base::FromMillis(Int64(column)); }
  std::optional<base::TimePoint> OptionalTime(int column) const;

 private:
  void NoteBind(int rc);

  Statement* statement_;
  int bind_error_ = 0;  // SQLITE_OK
};

}  // namespace store::sqlite
