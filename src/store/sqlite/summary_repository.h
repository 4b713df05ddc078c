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
// tab instead of starting from its matches. Measured on 100,000 conversations of 20 messages
// (bench/inbox_bench): from the matches, ~10 ms for 13,000 conversations and ~30 ms for 55,000;
// walking, ~25-30 ms at a third of the conversations and ~8 ms for a word in all of them.
inline constexpr std::size_t kManySearchMatches = 60'000;

// Each list is one query. A tab (folder, channel), with or without its unread filter, walks
// conversations_by_tab in order and stops after the page; "all channels" merges one such walk
// per channel. A label starts from the contacts that carry it. A search starts from its matches;
// when `many_matches` or more messages or contacts match and the index holds its words
// (SearchQuery::indexed), it walks the tab instead, testing each conversation. Both give the same
// pages; tests lower the threshold to reach the second. Then summaries are read for the page's
// conversations only. REQUIRES for a search: CatchUpSearchIndex (search_indexer.h) ran after
// the messages it should find were committed.
base::Result<core::ConversationPage> ListConversations(
    Connection& db, std::int64_t workspace_id, const core::ConversationFilter& filter,
    const std::optional<core::ConversationCursor>& after, std::size_t limit,
    std::size_t many_matches = kManySearchMatches);
base::Result<core::UnreadCounts> CountUnread(Connection& db, std::int64_t workspace_id,
                                             core::Folder channels_folder);

}  // namespace store::sqlite
