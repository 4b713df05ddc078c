// The inbox's reads: conversation summaries, one or a page of a filtered list, and unread counts.
// Every function expects its caller to serialize access to `db` and implements the core::Crm
// method of the same name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/result.h"
#include "core/crm.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<core::ConversationSummary> LoadSummary(Connection& db, std::int64_t workspace_id,
                                                    std::int64_t conversation_id);
// Each list is one indexed query: a tab (folder, channel) and its unread filter walk an index in
// order; a label starts from the contacts that carry it, a search from the full-text matches.
base::Result<core::ConversationPage> ListConversations(
    Connection& db, std::int64_t workspace_id, const core::ConversationFilter& filter,
    const std::optional<core::ConversationCursor>& after, std::size_t limit);
base::Result<core::UnreadCounts> CountUnread(Connection& db, std::int64_t workspace_id,
                                             core::Folder channels_folder);

}  // namespace store::sqlite
