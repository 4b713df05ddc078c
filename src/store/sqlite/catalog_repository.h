// Each workspace's product catalog (rows in file order) and its version. Every function expects
// its caller to serialize access to `db` and implements the core::Store method of the same name.
#pragma once

#include <cstdint>
#include <span>

#include "base/result.h"
#include "core/product.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// kNotFound for an unknown workspace.
base::Result<std::int64_t> ReplaceCatalog(Connection& db, std::int64_t workspace_id,
                                          std::span<const core::Product> products);
base::Result<std::int64_t> ClearCatalog(Connection& db, std::int64_t workspace_id);
// kNotFound for an unknown workspace; an empty catalog at version 0 when none was uploaded.
base::Result<core::Catalog> LoadCatalog(Connection& db, std::int64_t workspace_id);

}  // namespace store::sqlite
