#include "store/record_codec.h"
#include "store/sql/workspaces.h"
#include "store/sqlite/store.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kDeleteProducts = "DELETE FROM products WHERE workspace_id = ?1";
constexpr std::string_view kInsertProduct =
    "INSERT INTO products (workspace_id, position, name, sku, price, currency, stock, category,"
    " description, attributes_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr std::string_view kBumpVersion =
    "INSERT INTO catalog_versions (workspace_id, version) VALUES (?1, 1)"
    " ON CONFLICT (workspace_id) DO UPDATE SET version = version + 1 RETURNING version";
constexpr std::string_view kSelectVersion =
    "SELECT version FROM catalog_versions WHERE workspace_id = ?1";
constexpr std::string_view kSelectProducts =
    "SELECT name, sku, price, currency, stock, category, description, attributes_json"
    " FROM products WHERE workspace_id = ?1 ORDER BY position";

base::Status InsertProduct(Connection& db, std::int64_t workspace_id, std::int64_t position,
                           const core::Product& p) {
  base::Result<Query> insert = db.Prepare(kInsertProduct);
  if (!insert.ok()) return insert.error();
  return insert
      ->BindAll(workspace_id, position, p.name, p.sku, p.price, p.currency, p.stock, p.category,
                p.description, EncodeAttributes(p.attributes))
      .Run();
}

base::Result<std::int64_t> BumpVersion(Connection& db, std::int64_t workspace_id) {
  base::Result<Query> bump = db.Prepare(kBumpVersion);
  if (!bump.ok()) return bump.error();
  base::Result<bool> row = bump->BindAll(workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::Internal("database error: no row returned");
  return bump->Int64(0);
}

}  // namespace

base::Result<std::int64_t> Store::ReplaceCatalog(std::int64_t workspace_id,
                                                 std::span<const core::Product> products) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found.error();
  {
    base::Result<Query> clear = db.Prepare(kDeleteProducts);
    if (!clear.ok()) return clear.error();
    if (base::Status done = clear->BindAll(workspace_id).Run(); !done.ok()) return done.error();
  }
  std::int64_t position = 0;
  for (const core::Product& product : products) {
    base::Status inserted = InsertProduct(db, workspace_id, position++, product);
    if (!inserted.ok()) return inserted.error();
  }
  base::Result<std::int64_t> version = BumpVersion(db, workspace_id);
  if (!version.ok()) return version;
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return version;
}

base::Result<std::int64_t> Store::ClearCatalog(std::int64_t workspace_id) {
  return ReplaceCatalog(workspace_id, {});
}

base::Result<core::Catalog> Store::LoadCatalog(std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found.error();
  core::Catalog catalog;
  {
    base::Result<Query> version = db.Prepare(kSelectVersion);
    if (!version.ok()) return version.error();
    base::Result<bool> row = version->BindAll(workspace_id).Step();
    if (!row.ok()) return row.error();
    if (*row) catalog.version = version->Int64(0);
  }
  base::Result<Query> query = db.Prepare(kSelectProducts);
  if (!query.ok()) return query.error();
  query->BindAll(workspace_id);
  while (true) {
    base::Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    base::Result<std::vector<core::ProductAttribute>> attributes = DecodeAttributes(query->Text(7));
    if (!attributes.ok()) return attributes.error();
    catalog.products.push_back(core::Product{.name = query->Text(0),
                                             .sku = query->Text(1),
                                             .price = query->Text(2),
                                             .currency = query->Text(3),
                                             .stock = query->OptionalInt64(4),
                                             .category = query->Text(5),
                                             .description = query->Text(6),
                                             .attributes = std::move(*attributes)});
  }
  return catalog;
}

}  // namespace store::sqlite
