#include "store/sqlite/summary_repository.h"

#include <algorithm>
#include <limits>
#include <string>

#include "store/sqlite/enum_column.h"
#include "store/sqlite/list_query.h"
#include "store/sqlite/message_row.h"
#include "store/sqlite/record_codec.h"
#include "store/sqlite/search_query.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kCountUnread =
    "SELECT folder, channel, COUNT(*) FROM conversations INDEXED BY conversations_unread"
    " WHERE workspace_id = ?1 AND unread_count > 0 GROUP BY folder, channel";

// Counts the matching messages and contacts (of any workspace), up to ?2 of each: enough to
// choose a search's shape.
constexpr std::string_view kCountMatches =
    "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM message_search"
    "  WHERE message_search MATCH ?1 LIMIT ?2))"
    " + (SELECT COUNT(*) FROM (SELECT 1 FROM contact_search"
    "  WHERE contact_search MATCH ?1 LIMIT ?2))";

// The shape of a list that searches nothing.
ListShape ShapeOf(const core::ConversationFilter& filter) {
  if (filter.label) return ListShape::kLabel;
  return filter.channel ? ListShape::kTabChannel : ListShape::kTab;
}

// Whether `match` finds at least `threshold` messages or contacts.
base::Result<bool> ManyMatches(Connection& db, const std::string& match, std::size_t threshold) {
  base::Result<Query> q = db.Prepare(kCountMatches);
  if (!q.ok()) return q.error();
  const auto capped = static_cast<std::int64_t>(
      std::min<std::size_t>(threshold, std::numeric_limits<std::int64_t>::max()));
  base::Result<bool> row = q->BindAll(match, capped).Step();
  if (!row.ok()) return row.error();
  return *row && q->Int64(0) >= capped;
}

base::Result<core::ConversationSummary> ReadSummary(const Query& q) {
  core::ConversationSummary s;
  s.id = q.Int64(0);
  auto channel = EnumColumn<core::ParseChannel>(q, 1, "channel");
  auto folder = EnumColumn<core::ParseFolder>(q, 3, "folder");
  auto mode = EnumColumn<core::ParseMode>(q, 4, "mode");
  auto priority = EnumColumn<core::ParsePriority>(q, 7, "priority");
  auto labels = DecodeStrings(q.Text(13));
  if (!channel.ok()) return channel.error();
  if (!folder.ok()) return folder.error();
  if (!mode.ok()) return mode.error();
  if (!priority.ok()) return priority.error();
  if (!labels.ok()) return labels.error();
  s.channel = *channel;
  s.account_id = q.Text(2);
  s.folder = *folder;
  s.lease = {*mode, q.OptionalTime(5), q.Int64(6)};
  s.priority = *priority;
  s.unread = q.Int64(8);
  s.labels = std::move(*labels);
  s.contact_id = q.Int64(9);
  s.contact_name = q.Text(10);
  s.external_id = q.Text(11);
  s.last_activity = q.OptionalTime(12);
  if (!q.IsNull(kLastMessageColumn)) {
    auto last = ReadMessage(q, kLastMessageColumn, s.id);
    if (!last.ok()) return last.error();
    s.last_message = std::move(*last);
  }
  return s;
}

}  // namespace

base::Result<core::ConversationSummary> LoadSummary(Connection& db, std::int64_t workspace_id,
                                                    std::int64_t conversation_id) {
  base::Result<Query> q = db.Prepare(SummarySql());
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(conversation_id, workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("conversation not found");
  return ReadSummary(*q);
}

base::Result<core::ConversationPage> ListConversations(
    Connection& db, std::int64_t workspace_id, const core::ConversationFilter& filter,
    const std::optional<core::ConversationCursor>& after, std::size_t limit,
    std::size_t many_matches) {
  constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();
  if (limit == 0) return core::ConversationPage{};
  ListShape shape = ShapeOf(filter);
  std::optional<SearchQuery> search;
  if (!filter.search.empty()) {
    search = ParseSearch(filter.search);
    if (!search) return core::ConversationPage{};  // nothing to search for: nothing matches
    shape = ListShape::kSearchFew;
    // Testing conversation after conversation pays only when each test is cheap.
    if (search->indexed) {
      base::Result<bool> many = ManyMatches(db, search->expression, many_matches);
      if (!many.ok()) return many.error();
      if (*many) shape = filter.channel ? ListShape::kSearchManyChannel : ListShape::kSearchMany;
    }
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
  core::ConversationPage page;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    if (page.conversations.size() == limit) {
      const core::ConversationSummary& last = page.conversations.back();
      page.next = core::ConversationCursor{*last.last_activity, last.id};
      break;
    }
    base::Result<core::ConversationSummary> s = ReadSummary(*q);
    if (!s.ok()) return s.error();
    page.conversations.push_back(std::move(*s));
  }
  return page;
}

base::Result<core::UnreadCounts> CountUnread(Connection& db, std::int64_t workspace_id,
                                             core::Folder channels_folder) {
  core::UnreadCounts counts;
  for (core::Channel c : core::kEveryChannel) counts.channels[c] = 0;
  for (core::Folder f : core::kEveryFolder) counts.folders[f] = 0;
  base::Result<Query> q = db.Prepare(kCountUnread);
  if (!q.ok()) return q.error();
  q->BindAll(workspace_id);
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return counts;
    auto folder = EnumColumn<core::ParseFolder>(*q, 0, "folder");
    if (!folder.ok()) return folder.error();
    auto channel = EnumColumn<core::ParseChannel>(*q, 1, "channel");
    if (!channel.ok()) return channel.error();
    counts.folders[*folder] += q->Int64(2);
    if (*folder == channels_folder) counts.channels[*channel] += q->Int64(2);
  }
}

}  // namespace store::sqlite
