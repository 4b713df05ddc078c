// The inbox's reads on SQLite, shaped for its indexes and its search index (FTS5): one
// conversation's summary, and a page of a filtered list (sql::Crm's LoadSummary and
// ListConversations). The functions here expect their caller to serialize access to `db`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/result.h"
#include "core/crm.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/id_set.h"
#include "store/sqlite/list_query.h"
#include "store/sqlite/search_query.h"

namespace store::sqlite {

// Where a search starts, by what matches it (of any workspace). Fewer than `collect_from`
// conversations (by their messages) and contacts (by their names): from its matches, sorted by
// activity. Else the list walks its tab in order and looks each conversation up in the matches,
// collected first; or, when the index holds the words (SearchQuery::indexed), queries the index
// for each conversation instead of collecting: once more than `query_each_from` messages match,
// or when the first `sample` matching messages are in at least `dense_share` of the
// conversations their ids span (a word in most conversations). Measured on 100,000
// conversations of 20 messages (bench/inbox_bench): from the matches, ~0.4 µs a match;
// collecting, ~0.1 µs a match, then ~0.3 µs a conversation walked past; querying, ~15-50 µs a
// conversation walked past.
struct SearchShapeLimits {
  std::size_t collect_from = 5'000;
  std::size_t query_each_from = 100'000;
  std::size_t sample = 8'192;
  double dense_share = 0.7;
};

// How ListInbox lists a search's conversations (one of the kSearch shapes), and the
// matches it collected for it (empty unless the shape looks them up).
struct SearchPlan {
  ListShape shape = ListShape::kSearchFew;
  IdSet conversations{{}};
  IdSet contacts{{}};
};

// The plan for `search` (of `filter`) under `limits`, as described above; reads the search index.
base::Result<SearchPlan> PlanSearch(Connection& db, const SearchQuery& search,
                                    const core::ConversationFilter& filter,
                                    const SearchShapeLimits& limits);

// One conversation's summary; kNotFound when it is not the workspace's.
base::Result<core::ConversationSummary> LoadInboxSummary(Connection& db, std::int64_t workspace_id,
                                                         std::int64_t conversation_id);

// A page of the inbox. Each list is one query. A tab (folder, channel), with or without its unread
// filter, walks conversations_by_tab in order and stops after the page; "all channels" merges one
// such walk per channel. A label starts from the contacts that carry it. A search is shaped by
// `limits`; every shape gives the same pages (tests change the limits to reach each). Then
// summaries are read for the page's conversations only. REQUIRES for a search: CatchUpSearchIndex
// (search_indexer.h) ran after the messages it should find were committed.
base::Result<core::ConversationPage> ListInbox(Connection& db, std::int64_t workspace_id,
                                               const core::ConversationFilter& filter,
                                               const std::optional<core::ConversationCursor>& after,
                                               std::size_t limit,
                                               const SearchShapeLimits& limits = {});

}  // namespace store::sqlite
