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

// Where a search starts, by how many messages and contacts (of any workspace) match it. Fewer
// than `collect_from`: from its matches, sorted by activity. Then the list walks its tab in
// order; it looks each conversation up in the matches, collected first, or, from
// `query_each_from` on when the index holds the words (SearchQuery::indexed), queries the index
// for each conversation instead of collecting. Measured on 100,000 conversations of 20 messages
// (bench/inbox_bench): from the matches, ~0.4 µs a match; collecting, ~0.04 µs a match, then ~0.3
// µs a conversation walked past; querying, ~15-50 µs a conversation walked past.
struct SearchShapeLimits {
  std::size_t collect_from = 5'000;
  std::size_t query_each_from = 100'000;
};

// Each list is one query. A tab (folder, channel), with or without its unread filter, walks
// conversations_by_tab in order and stops after the page; "all channels" merges one such walk
// per channel. A label starts from the contacts that carry it. A search is shaped by `limits`;
// every shape gives the same pages (tests change the limits to reach each). Then summaries are
// read for the page's conversations only. REQUIRES for a search: CatchUpSearchIndex
// (search_indexer.h) ran after the messages it should find were committed.
base::Result<core::ConversationPage> ListConversations(
    Connection& db, std::int64_t workspace_id, const core::ConversationFilter& filter,
    const std::optional<core::ConversationCursor>& after, std::size_t limit,
    const SearchShapeLimits& limits = {});
base::Result<core::UnreadCounts> CountUnread(Connection& db, std::int64_t workspace_id,
                                             core::Folder channels_folder);

}  // namespace store::sqlite
