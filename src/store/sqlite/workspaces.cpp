#include "store/sql/workspaces.h"

#include "store/sqlite/store.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kInsertWorkspace = "INSERT INTO workspaces (slug) VALUES (?1)";
constexpr std::string_view kSelectWorkspaceBySlug = "SELECT id FROM workspaces WHERE slug = ?1";
constexpr std::string_view kSelectValue =
    "SELECT value FROM kv WHERE workspace_id = ?1 AND key = ?2";
constexpr std::string_view kUpsertValue =
    "INSERT INTO kv (workspace_id, key, value) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (workspace_id, key) DO UPDATE SET value = excluded.value";

}  // namespace

base::Result<core::Workspace> Store::CreateWorkspace(const std::string& slug) {
  auto [lock, db] = file_.Write();
  if (!core::IsValidSlug(slug)) {
    return base::Error::InvalidArgument(
        "invalid workspace slug '" + slug +
        "': use 1 to 63 of a-z, 0-9 and '-', not starting or ending with '-'");
  }
  base::Result<Query> insert = db.Prepare(kInsertWorkspace);
  if (!insert.ok()) return insert.error();
  base::Status inserted = insert->BindAll(slug).Run();
  if (!inserted.ok()) {
    if (inserted.error().code == base::ErrorCode::kAlreadyExists) {
      return base::Error::AlreadyExists("workspace '" + slug + "' already exists");
    }
    return inserted.error();
  }
  return core::Workspace{db.LastInsertId(), slug};
}

base::Result<core::Workspace> Store::FindWorkspace(const std::string& slug) {
  auto [lock, db] = file_.Write();
  base::Result<Query> query = db.Prepare(kSelectWorkspaceBySlug);
  if (!query.ok()) return query.error();
  base::Result<bool> row = query->BindAll(slug).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no workspace '" + slug + "'");
  return core::Workspace{query->Int64(0), slug};
}

base::Result<std::optional<std::string>> Store::GetValue(std::int64_t workspace_id,
                                                         const std::string& key) {
  auto [lock, db] = file_.Write();
  base::Result<Query> query = db.Prepare(kSelectValue);
  if (!query.ok()) return query.error();
  base::Result<bool> row = query->BindAll(workspace_id, key).Step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(query->Text(0));
}

base::Status Store::PutValue(std::int64_t workspace_id, const std::string& key,
                             const std::string& value) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found;
  {
    base::Result<Query> upsert = db.Prepare(kUpsertValue);
    if (!upsert.ok()) return upsert.error();
    base::Status stored = upsert->BindAll(workspace_id, key, value).Run();
    if (!stored.ok()) return stored;
  }
  return txn->Commit();
}

}  // namespace store::sqlite
