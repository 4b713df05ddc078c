#include "store/sql/token_usage.h"

#include "store/postgres/pool.h"
#include "store/sql/statements.h"
#include "store/sqlite/database_file.h"

namespace store::sql {
namespace {

constexpr std::string_view kSelect =
    "SELECT tokens FROM model_tokens WHERE workspace_id = $1 AND day = $2";
constexpr std::string_view kAdd =
    "INSERT INTO model_tokens (workspace_id, day, tokens) VALUES ($1, $2, $3)"
    " ON CONFLICT (workspace_id, day) DO UPDATE SET tokens = model_tokens.tokens + excluded.tokens";

}  // namespace

template <typename Backend>
base::Result<std::int64_t> TokenUsage<Backend>::TokensUsed(std::int64_t workspace_id,
                                                           std::int64_t day) {
  return backend_.Reading([&](auto& db) -> base::Result<std::int64_t> {
    auto q = db.Prepare(kSelect);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(workspace_id, day).Step();
    if (!row.ok()) return row.error();
    return *row ? q->Int64(0) : 0;
  });
}

template <typename Backend>
base::Status TokenUsage<Backend>::AddTokens(std::int64_t workspace_id, std::int64_t day,
                                            std::int64_t tokens) {
  return backend_.Writing(
      [&](auto& db) -> base::Status { return RunStatement(db, kAdd, workspace_id, day, tokens); });
}

template class TokenUsage<sqlite::DatabaseFile>;
template class TokenUsage<postgres::Pool>;

}  // namespace store::sql
