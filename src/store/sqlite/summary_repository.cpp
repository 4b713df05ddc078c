#include "store/sqlite/summary_repository.h"

#include <array>
#include <limits>
#include <string>

#include "store/sqlite/enum_column.h"
#include "store/sqlite/message_row.h"
#include "store/sqlite/record_codec.h"
#include "store/sqlite/search_query.h"

namespace store::sqlite {
namespace {

// The columns ReadSummary reads: the conversation, its contact, its labels in order, then its
// last message (the columns of message_row.h, NULL when it has none).
constexpr std::string_view kSummarySelect =
    "SELECT c.id, c.channel, c.account_id, c.folder, c.mode, c.resume_at_ms, c.epoch,"
    " c.priority, c.unread_count, c.contact_id, k.display_name, k.external_id,"
    " c.last_activity_ms,"
    " (SELECT json_group_array(label) FROM (SELECT label FROM contact_labels"
    "   WHERE contact_id = c.contact_id ORDER BY position)),"
    " m.id, m.author, m.text, m.at_ms, m.epoch, m.provider_message_id, m.delivery,"
    " m.delivery_error, m.attachment, m.author_user";
constexpr int kLastMessageColumn = 14;
// CROSS JOIN fixes the join order: the conversations (or the rows that lead to them) first.
constexpr std::string_view kSummaryJoins =
    " CROSS JOIN contacts k ON k.id = c.contact_id"
    " LEFT JOIN messages m ON m.id = c.last_message_id";

constexpr std::string_view kById = " WHERE c.id = ?1 AND c.workspace_id = ?2";

// Every list: ?1 workspace, ?2 folder, ?3 and ?4 the cursor (activity, id), ?5 the limit.
// Conversations without a message have no activity and are never listed.
constexpr std::string_view kListWhere =
    " WHERE c.workspace_id = ?1 AND c.folder = ?2 AND c.last_activity_ms IS NOT NULL"
    " AND (c.last_activity_ms, c.id) < (?3, ?4)";
constexpr std::string_view kListOrder = " ORDER BY c.last_activity_ms DESC, c.id DESC LIMIT ?5";
// Label and search lists filter on ?6 channel (NULL: every one) and ?7 unread only (0 or 1).
constexpr std::string_view kOptionalFilters =
    " AND (?6 IS NULL OR c.channel = ?6) AND (?7 = 0 OR c.unread_count > 0)";

// The list's shape decides its query, so that each one walks the index made for it.
enum class Shape { kFolder, kChannel, kUnreadFolder, kUnreadChannel, kLabel, kSearch, kCount };

std::string Concat(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) s += p;
  return s;
}

// The SQL of each shape, built once (Connection::Prepare needs text that outlives it).
const std::string& ListSql(Shape shape) {
  static const std::array<std::string, static_cast<std::size_t>(Shape::kCount)> kSql{
      Concat({kSummarySelect, " FROM conversations c INDEXED BY conversations_by_folder",
              kSummaryJoins, kListWhere, kListOrder}),
      Concat({kSummarySelect, " FROM conversations c INDEXED BY conversations_by_channel",
              kSummaryJoins, kListWhere, " AND c.channel = ?6", kListOrder}),
      Concat({kSummarySelect, " FROM conversations c INDEXED BY conversations_unread_by_folder",
              kSummaryJoins, kListWhere, " AND c.unread_count > 0", kListOrder}),
      Concat({kSummarySelect, " FROM conversations c INDEXED BY conversations_unread_by_channel",
              kSummaryJoins, kListWhere, " AND c.channel = ?6 AND c.unread_count > 0", kListOrder}),
      // ?8 the label: from the contacts carrying it to their conversations, then sorted.
      Concat({kSummarySelect, " FROM contact_labels l CROSS JOIN conversations c",
              " ON c.workspace_id = l.workspace_id AND c.contact_id = l.contact_id", kSummaryJoins,
              kListWhere, kOptionalFilters, " AND l.workspace_id = ?1 AND l.label = ?8",
              kListOrder}),
      // ?9 the MATCH expression: the conversations of the matching messages and contacts, then
      // filtered (?8 the label or NULL) and sorted.
      Concat({"WITH hits (id) AS (SELECT s.conversation_id FROM message_search"
              " CROSS JOIN messages s ON s.id = message_search.rowid"
              " WHERE message_search MATCH ?9 AND s.workspace_id = ?1"
              " UNION SELECT h.id FROM contact_search CROSS JOIN conversations h"
              " ON h.workspace_id = ?1 AND h.contact_id = contact_search.rowid"
              " WHERE contact_search MATCH ?9) ",
              kSummarySelect, " FROM hits CROSS JOIN conversations c ON c.id = hits.id",
              kSummaryJoins, kListWhere, kOptionalFilters,
              " AND (?8 IS NULL OR c.contact_id IN (SELECT contact_id FROM contact_labels"
              " WHERE workspace_id = ?1 AND label = ?8))",
              kListOrder}),
  };
  return kSql[static_cast<std::size_t>(shape)];
}

constexpr std::string_view kCountUnread =
    "SELECT folder, channel, COUNT(*) FROM conversations"
    " INDEXED BY conversations_unread_by_channel"
    " WHERE workspace_id = ?1 AND unread_count > 0 GROUP BY folder, channel";

Shape ShapeOf(const core::ConversationFilter& filter) {
  if (!filter.search.empty()) return Shape::kSearch;
  if (filter.label) return Shape::kLabel;
  if (filter.unread_only) return filter.channel ? Shape::kUnreadChannel : Shape::kUnreadFolder;
  return filter.channel ? Shape::kChannel : Shape::kFolder;
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
  static const std::string kSql =
      Concat({kSummarySelect, " FROM conversations c", kSummaryJoins, kById});
  base::Result<Query> q = db.Prepare(kSql);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(conversation_id, workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("conversation not found");
  return ReadSummary(*q);
}

base::Result<core::ConversationPage> ListConversations(
    Connection& db, std::int64_t workspace_id, const core::ConversationFilter& filter,
    const std::optional<core::ConversationCursor>& after, std::size_t limit) {
  constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();
  if (limit == 0) return core::ConversationPage{};
  const Shape shape = ShapeOf(filter);
  std::optional<std::string> match;
  if (shape == Shape::kSearch) {
    match = SearchExpression(filter.search);
    if (!match) return core::ConversationPage{};  // nothing to search for: nothing matches
  }
  base::Result<Query> q = db.Prepare(ListSql(shape));
  if (!q.ok()) return q.error();
  // One row past the page tells whether another page follows.
  const auto wanted = static_cast<std::int64_t>(std::min<std::size_t>(limit, kEnd - 1)) + 1;
  q->BindAll(workspace_id, core::ToString(filter.folder),
             after ? base::ToMillis(after->last_activity) : kEnd, after ? after->id : kEnd, wanted);
  const std::optional<std::string_view> channel =
      filter.channel ? std::optional(core::ToString(*filter.channel)) : std::nullopt;
  const std::optional<std::string_view> label =
      filter.label ? std::optional<std::string_view>(*filter.label) : std::nullopt;
  switch (shape) {
    case Shape::kChannel:
    case Shape::kUnreadChannel:
      q->Bind(6, channel);
      break;
    case Shape::kSearch:
      q->Bind(9, *match);
      [[fallthrough]];
    case Shape::kLabel:
      q->Bind(6, channel).Bind(7, std::int64_t{filter.unread_only}).Bind(8, label);
      break;
    default:
      break;
  }
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
