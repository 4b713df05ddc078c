// Commit: applies a workflow Decision to a conversation in one transaction, guarded by the
// conversation's version (optimistic concurrency).
#pragma once

#include <cstdint>

#include "base/result.h"
#include "core/decision.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// Implements core::Store::Commit; the caller serializes access to `db`. Besides the ids the
// contract names, the returned decision carries the stored conversation's workspace, contact and
// channel (which a decision cannot change), notifications carry the conversation's contact, and
// a nullopt answer source inside a notification resolves like the decision's own answers.
base::Result<core::Decision> Commit(Connection& db, std::int64_t workspace_id,
                                    const core::Decision& decision);

}  // namespace store::sqlite
