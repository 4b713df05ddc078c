// Workspaces and their small named values. Every function expects its caller to serialize access
// to `db` (SqliteStore holds its lock) and implements the core::Store method of the same name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "core/workspace.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<core::Workspace> CreateWorkspace(Connection& db, const std::string& slug);
base::Result<core::Workspace> FindWorkspace(Connection& db, const std::string& slug);

// OK when the workspace exists, kNotFound when it does not.
base::Status RequireWorkspace(Connection& db, std::int64_t workspace_id);

// nullopt when the key (or the workspace) is unknown.
base::Result<std::optional<std::string>> GetValue(Connection& db, std::int64_t workspace_id,
                                                  const std::string& key);
// Inserts or replaces. kNotFound for an unknown workspace.
base::Status PutValue(Connection& db, std::int64_t workspace_id, const std::string& key,
                      const std::string& value);

}  // namespace store::sqlite
