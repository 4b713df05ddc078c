// What users change about a conversation in the CRM: folder, priority, read. Every function
// expects its caller to serialize access to `db` and implements the core::Crm method of the same
// name.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "base/time.h"
#include "core/crm.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<core::ConversationSummary> ChangeConversation(
    Connection& db, std::int64_t workspace_id, std::int64_t conversation_id,
    const core::ConversationChange& change, const std::string& user, base::TimePoint at);
base::Result<core::ConversationSummary> MarkRead(Connection& db, std::int64_t workspace_id,
                                                 std::int64_t conversation_id);

}  // namespace store::sqlite
