// The small steps every repository takes with one statement: run it, ask whether it finds a row,
// and turn "no row" into kNotFound. Each expects its caller to serialize access to `db`.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// Runs `sql` (a cached statement) with `args` bound to ?1, ?2, ...
base::Status RunStatement(Connection& db, std::string_view sql, const auto&... args) {
  base::Result<Query> q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  return q->BindAll(args...).Run();
}

// Whether `sql` with `args` returns a row.
base::Result<bool> Exists(Connection& db, std::string_view sql, const auto&... args) {
  base::Result<Query> q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  return q->BindAll(args...).Step();
}

// kNotFound "`what` not found" when `sql` with `args` returns no row.
base::Status RequireRow(Connection& db, std::string_view what, std::string_view sql,
                        const auto&... args) {
  base::Result<bool> found = Exists(db, sql, args...);
  if (!found.ok()) return found.error();
  if (!*found) return base::Error::NotFound(std::string(what) + " not found");
  return base::Status::Ok();
}

// kNotFound "`what` not found" when the statement run last changed no row.
inline base::Status RequireChanged(Connection& db, std::string_view what) {
  if (db.Changes() == 0) return base::Error::NotFound(std::string(what) + " not found");
  return base::Status::Ok();
}

// Runs `sql` with `args`; kNotFound "`what` not found" when it changed no row.
base::Status ChangeOne(Connection& db, std::string_view what, std::string_view sql,
                       const auto&... args) {
  if (base::Status done = RunStatement(db, sql, args...); !done.ok()) return done;
  return RequireChanged(db, what);
}

}  // namespace store::sqlite
