// The inbox's reads on PostgreSQL (sql::Crm's LoadSummary and ListConversations): one
// conversation's summary, and a page of a filtered list walking the conversations of a tab in
// activity order (conversations_by_tab), a search matching the messages' and contact names'
// generated tsvector columns (GIN indexes; the configuration fd_text folds case and accents).
// The same pages as on SQLite. The functions expect their caller to serialize access to `db`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "core/crm.h"
#include "store/postgres/connection.h"

namespace store::postgres {

// The tsquery of a user's search (store/search_words.h): every word as a prefix ("ana silv" gives
// "ana:* & silv:*"), a one-character word whole; nullopt when `text` has no word.
std::optional<std::string> SearchTsquery(std::string_view text);

// One conversation's summary; kNotFound when it is not the workspace's.
base::Result<core::ConversationSummary> LoadInboxSummary(Connection& db, std::int64_t workspace_id,
                                                         std::int64_t conversation_id);

// A page of the inbox, newest activity first (ties by id, newest first), after `after`.
base::Result<core::ConversationPage> ListInbox(Connection& db, std::int64_t workspace_id,
                                               const core::ConversationFilter& filter,
                                               const std::optional<core::ConversationCursor>& after,
                                               std::size_t limit);

}  // namespace store::postgres
