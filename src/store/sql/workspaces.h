// Checks about workspaces that many queries of both backends make, on the caller's connection.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/result.h"
#include "store/sql/statements.h"

namespace store {

// OK when the workspace exists, kNotFound "workspace not found" otherwise.
base::Status RequireWorkspace(auto& db, std::int64_t workspace_id) {
  static constexpr std::string_view kSelect = "SELECT 1 FROM workspaces WHERE id = $1";
  return RequireRow(db, "workspace", kSelect, workspace_id);
}

}  // namespace store
