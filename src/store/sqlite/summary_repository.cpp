#include "store/sqlite/summary_repository.h"

#include <algorithm>
#include <limits>
#include <string>

#include "store/enum_name.h"
#include "store/record_codec.h"
#include "store/rows.h"
#include "store/sql/conversations.h"
#include "store/sqlite/id_set.h"
#include "store/sqlite/list_query.h"
#include "store/sqlite/search_query.h"

namespace store::sqlite {
namespace {

// The conversations whose messages match ?1 (of any workspace, in id order, one per message),
// and the contacts whose names do: at most ?2 rows each.
constexpr std::string_view kMessageMatches =
    "SELECT rowid >> 32 FROM message_search WHERE message_search MATCH ?1 LIMIT ?2";
constexpr std::string_view kContactMatches =
    "SELECT rowid FROM contact_search WHERE contact_search MATCH ?1 LIMIT ?2";

// The shape of a list that searches nothing.
ListShape ShapeOf(const core::ConversationFilter& filter) {
  if (filter.label) return ListShape::kLabel;
  return filter.channel ? ListShape::kTabChannel : ListShape::kTab;
}

// When Matching stops collecting.
struct Collect {
  std::size_t cap = std::numeric_limits<std::size_t>::max();  // at more rows than this
  // After this many rows (0: never), when their distinct ids fill at least `dense_share` of the
  // range of ids they span: ids are conversations in id order, and most of them match.
  std::size_t sample = 0;
  double dense_share = 1;
};

// The ids the statement `sql` gives for `match`; nullopt when `collect` stops it.
base::Result<std::optional<std::vector<std::int64_t>>> Matching(Connection& db,
                                                                std::string_view sql,
                                                                const std::string& match,
                                                                const Collect& collect) {
  base::Result<Query> q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  const auto limit = static_cast<std::int64_t>(
      std::min<std::size_t>(collect.cap, std::numeric_limits<std::int64_t>::max() - 1) + 1);
  q->BindAll(match, limit);
  std::vector<std::int64_t> ids;
  std::size_t rows = 0;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    if (++rows > collect.cap) return std::optional<std::vector<std::int64_t>>();
    // A conversation's messages are adjacent: most repeats go here, IdSet drops the rest.
    const std::int64_t id = q->Int64(0);
    if (ids.empty() || ids.back() != id) ids.push_back(id);
    if (rows == collect.sample &&
        static_cast<double>(ids.size()) >=
            collect.dense_share * static_cast<double>(ids.back() - ids.front() + 1)) {
      return std::optional<std::vector<std::int64_t>>();
    }
  }
  return std::optional(std::move(ids));
}

}  // namespace

base::Result<SearchPlan> PlanSearch(Connection& db, const SearchQuery& search,
                                    const core::ConversationFilter& filter,
                                    const SearchShapeLimits& limits) {
  // Querying the index for each conversation pays only when each query is cheap, and beats
  // collecting only for the most frequent words.
  Collect collect;
  if (search.indexed) {
    collect = {limits.query_each_from, limits.sample, limits.dense_share};
  }
  auto messages = Matching(db, kMessageMatches, search.expression, collect);
  if (!messages.ok()) return messages.error();
  auto contacts = *messages ? Matching(db, kContactMatches, search.expression, {collect.cap})
                            : std::optional<std::vector<std::int64_t>>();
  if (!contacts.ok()) return contacts.error();
  SearchPlan plan;
  if (!*messages || !*contacts) {
    plan.shape = filter.channel ? ListShape::kSearchManyChannel : ListShape::kSearchMany;
  } else if ((*messages)->size() + (*contacts)->size() >= limits.collect_from) {
    plan.shape = filter.channel ? ListShape::kSearchCollectedChannel : ListShape::kSearchCollected;
    plan.conversations = IdSet(std::move(**messages));
    plan.contacts = IdSet(std::move(**contacts));
  }
  return plan;
}

base::Result<core::ConversationSummary> LoadInboxSummary(Connection& db, std::int64_t workspace_id,
                                                         std::int64_t conversation_id) {
  return sql::SelectSummary(db, SummarySql(), workspace_id, conversation_id);
}

base::Result<core::ConversationPage> ListInbox(Connection& db, std::int64_t workspace_id,
                                               const core::ConversationFilter& filter,
                                               const std::optional<core::ConversationCursor>& after,
                                               std::size_t limit, const SearchShapeLimits& limits) {
  constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();
  if (limit == 0) return core::ConversationPage{};
  ListShape shape = ShapeOf(filter);
  std::optional<SearchQuery> search;
  SearchPlan plan;
  if (!filter.search.empty()) {
    search = ParseSearch(filter.search);
    if (!search) return core::ConversationPage{};  // nothing to search for: nothing matches
    base::Result<SearchPlan> planned = PlanSearch(db, *search, filter, limits);
    if (!planned.ok()) return planned.error();
    plan = std::move(*planned);
    shape = plan.shape;
  }
  const ListStatement& statement = ListSql(shape);
  base::Result<Query> q = db.Prepare(statement.sql);
  if (!q.ok()) return q.error();
  // One row past the page tells whether another page follows.
  const auto wanted = static_cast<std::int64_t>(std::min<std::size_t>(limit, kEnd - 1)) + 1;
  q->BindAll(workspace_id, core::ToString(filter.folder),
             after ? base::ToMillis(after->last_activity) : kEnd, after ? after->id : kEnd, wanted);
  const std::optional<std::string_view> channel =
      filter.channel ? std::optional(core::ToString(*filter.channel)) : std::nullopt;
  const std::optional<std::string_view> label =
      filter.label ? std::optional<std::string_view>(*filter.label) : std::nullopt;
  if (statement.parameters >= 7) q->Bind(6, channel).Bind(7, std::int64_t{filter.unread_only});
  if (statement.parameters >= 8) q->Bind(8, label);
  if (statement.parameters >= 9) q->Bind(9, search->expression);
  if (statement.parameters >= 11) q->Bind(10, plan.conversations).Bind(11, plan.contacts);
  return ReadInboxPage(*q, limit);
}

}  // namespace store::sqlite
