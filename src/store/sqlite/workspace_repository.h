// Workspaces and their small named values: sqlite::Store's methods of them are defined in the
// .cpp; RequireWorkspace serves other queries and expects its caller to serialize access to `db`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "core/workspace.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// OK when the workspace exists, kNotFound when it does not.
base::Status RequireWorkspace(Connection& db, std::int64_t workspace_id);

}  // namespace store::sqlite
