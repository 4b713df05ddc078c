// A workspace's catalog (no draft: live at once), on either backend's connection: core::Store's
// catalog calls, with their contracts (core/store.h). Each function expects its caller to
// serialize access to `db`.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/product.h"
#include "store/record_codec.h"
#include "store/sql/statements.h"
#include "store/sql/workspaces.h"

namespace store::sql {

base::Result<std::int64_t> ReplaceCatalog(auto& db, std::int64_t workspace_id,
                                          std::span<const core::Product> products) {
  static constexpr std::string_view kDelete = "DELETE FROM products WHERE workspace_id = $1";
  static constexpr std::string_view kInsert =
      "INSERT INTO products (workspace_id, position, name, sku, price, currency, stock, category,"
      " description, attributes_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
  static constexpr std::string_view kBumpVersion =
      "INSERT INTO catalog_versions (workspace_id, version) VALUES ($1, 1)"
      " ON CONFLICT (workspace_id) DO UPDATE SET version = catalog_versions.version + 1"
      " RETURNING version";
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found.error();
  if (base::Status done = RunStatement(db, kDelete, workspace_id); !done.ok()) return done.error();
  std::int64_t position = 0;
  for (const core::Product& p : products) {
    base::Status inserted =
        RunStatement(db, kInsert, workspace_id, position++, p.name, p.sku, p.price, p.currency,
                     p.stock, p.category, p.description, EncodeAttributes(p.attributes));
    if (!inserted.ok()) return inserted.error();
  }
  std::int64_t version = 0;
  {
    auto bump = db.Prepare(kBumpVersion);
    if (!bump.ok()) return bump.error();
    base::Result<bool> row = bump->BindAll(workspace_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::Internal("database error: no row returned");
    version = bump->Int64(0);
  }
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return version;
}

base::Result<core::Catalog> LoadCatalog(auto& db, std::int64_t workspace_id) {
  static constexpr std::string_view kSelectVersion =
      "SELECT version FROM catalog_versions WHERE workspace_id = $1";
  static constexpr std::string_view kSelectProducts =
      "SELECT name, sku, price, currency, stock, category, description, attributes_json"
      " FROM products WHERE workspace_id = $1 ORDER BY position";
  auto txn = BeginRead(db);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found.error();
  core::Catalog catalog;
  {
    auto version = db.Prepare(kSelectVersion);
    if (!version.ok()) return version.error();
    base::Result<bool> row = version->BindAll(workspace_id).Step();
    if (!row.ok()) return row.error();
    if (*row) catalog.version = version->Int64(0);
  }
  auto q = db.Prepare(kSelectProducts);
  if (!q.ok()) return q.error();
  q->BindAll(workspace_id);
  auto products = ReadAll(*q, [](const auto& r) -> base::Result<core::Product> {
    base::Result<std::vector<core::ProductAttribute>> attributes = DecodeAttributes(r.Text(7));
    if (!attributes.ok()) return attributes.error();
    return core::Product{.name = r.Text(0),
                         .sku = r.Text(1),
                         .price = r.Text(2),
                         .currency = r.Text(3),
                         .stock = r.OptionalInt64(4),
                         .category = r.Text(5),
                         .description = r.Text(6),
                         .attributes = std::move(*attributes)};
  });
  if (!products.ok()) return products.error();
  catalog.products = std::move(*products);
  return catalog;
}

}  // namespace store::sql
