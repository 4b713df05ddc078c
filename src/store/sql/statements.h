// The small steps every query takes with one statement, on either backend's connection
// (sqlite::Connection, postgres::Connection: the same Prepare/Query API): run it, ask whether it
// finds a row, and turn "no row" into kNotFound. Each expects its caller to serialize access to
// `db`.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/result.h"

namespace store {

// Runs `sql` (a cached statement) with `args` bound to $1, $2, ...
base::Status RunStatement(auto& db, std::string_view sql, const auto&... args) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  return q->BindAll(args...).Run();
}

// Whether `sql` with `args` returns a row.
base::Result<bool> Exists(auto& db, std::string_view sql, const auto&... args) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  return q->BindAll(args...).Step();
}

// kNotFound "`what` not found" when `sql` with `args` returns no row.
base::Status RequireRow(auto& db, std::string_view what, std::string_view sql,
                        const auto&... args) {
  base::Result<bool> found = Exists(db, sql, args...);
  if (!found.ok()) return found.error();
  if (!*found) return base::Error::NotFound(std::string(what) + " not found");
  return base::Status::Ok();
}

// kNotFound "`what` not found" when the statement run last changed no row.
base::Status RequireChanged(auto& db, std::string_view what) {
  if (db.Changes() == 0) return base::Error::NotFound(std::string(what) + " not found");
  return base::Status::Ok();
}

// Runs `sql` with `args`; kNotFound "`what` not found" when it changed no row.
base::Status ChangeOne(auto& db, std::string_view what, std::string_view sql, const auto&... args) {
  if (base::Status done = RunStatement(db, sql, args...); !done.ok()) return done;
  return RequireChanged(db, what);
}

// What a row reader gives: T for a reader returning T or base::Result<T>.
template <typename One>
struct ReadValue {
  using type = One;
};
template <typename T>
struct ReadValue<base::Result<T>> {
  using type = T;
};

// Every row `q` steps through, read by `read`: a function of the query on a row that returns a T
// or a base::Result<T> (then the first error is returned).
template <typename Query, typename Read>
auto ReadAll(Query& q, Read read) {
  using One = std::invoke_result_t<Read, const Query&>;
  using Item = typename ReadValue<One>::type;
  std::vector<Item> all;
  while (true) {
    base::Result<bool> row = q.Step();
    if (!row.ok()) return base::Result<std::vector<Item>>(row.error());
    if (!*row) return base::Result<std::vector<Item>>(std::move(all));
    if constexpr (std::is_same_v<One, Item>) {
      all.push_back(read(std::as_const(q)));
    } else {
      One one = read(std::as_const(q));
      if (!one.ok()) return base::Result<std::vector<Item>>(one.error());
      all.push_back(std::move(*one));
    }
  }
}

}  // namespace store
