// Each conversation's audit timeline: sqlite::Store::ListAudit is defined in the .cpp;
// InsertAudit serves other writes and expects its caller to serialize access to `db`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/result.h"
#include "core/audit_event.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// Stores `event` under the workspace and returns its new id.
// REQUIRES: inside a write transaction; its conversation exists in the workspace.
base::Result<std::int64_t> InsertAudit(Connection& db, std::int64_t workspace_id,
                                       const core::AuditEvent& event);

}  // namespace store::sqlite
