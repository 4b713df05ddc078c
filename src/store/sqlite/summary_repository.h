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
// A search that matches at least this many messages or contacts (of any workspace) walks the
// folder instead of starting from its matches. Both take ~15 ms at about 30,000 matching
// messages in 25,000 of 100,000 conversations; below, starting from the matches is faster,
// above, walking (a word in most conversations: a page after a few hundred tests).
inline constexpr std::size_t kManySearchMatches = 30'000;

// Each list is one indexed query: a tab (folder, channel) and its unread filter walk an index in
// order; a label starts from the contacts that carry it; a search from its matches, or, when
// `many_matches` or more messages or contacts match and the index holds its words
// (SearchQuery::indexed), walks the folder testing each conversation (both give the same pages;
// tests lower the threshold to reach the second).
base::Result<core::ConversationPage> ListConversations(
    Connection& db, std::int64_t workspace_id, const core::ConversationFilter& filter,
    const std::optional<core::ConversationCursor>& after, std::size_t limit,
    std::size_t many_matches = kManySearchMatches);
base::Result<core::UnreadCounts> CountUnread(Connection& db, std::int64_t workspace_id,
                                             core::Folder channels_folder);

}  // namespace store::sqlite
