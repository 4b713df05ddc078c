#include "store/sqlite/summary_repository.h"

#include <algorithm>
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
// CROSS JOIN fixes the join order: the page's conversations first.
constexpr std::string_view kSummaryJoins =
    " CROSS JOIN contacts k ON k.id = c.contact_id"
    " LEFT JOIN messages m ON m.id = c.last_message_id";

constexpr std::string_view kById = " WHERE c.id = ?1 AND c.workspace_id = ?2";

// Every list: ?1 workspace, ?2 folder, ?3 and ?4 the cursor (activity, id), ?5 the limit.
// Conversations without a message have no activity and are never listed.
constexpr std::string_view kListWhere =
    " WHERE c.workspace_id = ?1 AND c.folder = ?2 AND c.last_activity_ms IS NOT NULL"
    " AND (c.last_activity_ms, c.id) < (?3, ?4)";
// The same for a label list, which starts from the label's contacts: the unary + keeps the
// planner off the folder's index (one walk of it per contact) for the contact's own.
constexpr std::string_view kLabelListWhere =
    " WHERE c.workspace_id = ?1 AND +c.folder = ?2 AND c.last_activity_ms IS NOT NULL"
    " AND (+c.last_activity_ms, c.id) < (?3, ?4)";
constexpr std::string_view kListOrder = " ORDER BY c.last_activity_ms DESC, c.id DESC LIMIT ?5";
// Label and search lists filter on ?6 channel (NULL: every one) and ?7 unread only (0 or 1).
constexpr std::string_view kOptionalFilters =
    " AND (?6 IS NULL OR c.channel = ?6) AND (?7 = 0 OR c.unread_count > 0)";

// Search lists filter on ?8 the label (NULL: any) and ?9 the MATCH expression.
constexpr std::string_view kOptionalLabel =
    " AND (?8 IS NULL OR c.contact_id IN (SELECT contact_id FROM contact_labels"
    " WHERE workspace_id = ?1 AND label = ?8))";
// A conversation's messages are the search rowids from its id * 2^32 on (migration 8).
constexpr std::string_view kMatches =
    " AND (EXISTS (SELECT 1 FROM message_search WHERE message_search MATCH ?9"
    " AND rowid BETWEEN c.id << 32 AND (c.id << 32) + 4294967295)"
    " OR EXISTS (SELECT 1 FROM contact_search WHERE contact_search MATCH ?9"
    " AND rowid = c.contact_id))";

// The list's shape decides its query, so that each one walks the index made for it. A search
// with few matches starts from them (kSearchFew); one with many, whose words the index holds,
// walks the folder's index and tests each conversation (kSearchMany), which finds a page after
// a few of them.
enum class Shape {
  kFolder,
  kChannel,
  kUnreadFolder,
  kUnreadChannel,
  kLabel,
  kSearchFew,
  kSearchMany,
  kCount
};

std::string Concat(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) s += p;
  return s;
}

// A list query: the page's ids first (`with`, then the conversations `c` of `from_where`, in
// order, at most ?5), then the summaries of those ids only.
std::string ListQuery(std::string_view with, std::initializer_list<std::string_view> from_where) {
  std::string page = Concat({with, kSummarySelect, " FROM (SELECT c.id FROM "});
  for (std::string_view part : from_where) page += part;
  return Concat({page, kListOrder, ") page CROSS JOIN conversations c ON c.id = page.id",
                 kSummaryJoins, " ORDER BY c.last_activity_ms DESC, c.id DESC"});
}

// The SQL of each shape, built once (Connection::Prepare needs text that outlives it).
const std::string& ListSql(Shape shape) {
  static const std::array<std::string, static_cast<std::size_t>(Shape::kCount)> kSql{
      ListQuery("", {"conversations c INDEXED BY conversations_by_folder", kListWhere}),
      ListQuery("", {"conversations c INDEXED BY conversations_by_channel", kListWhere,
                     " AND c.channel = ?6"}),
      ListQuery("", {"conversations c INDEXED BY conversations_unread_by_folder", kListWhere,
                     " AND c.unread_count > 0"}),
      ListQuery("", {"conversations c INDEXED BY conversations_unread_by_channel", kListWhere,
                     " AND c.channel = ?6 AND c.unread_count > 0"}),
      // ?8 the label: from the contacts carrying it to their conversations, then sorted.
      ListQuery("",
                {"contact_labels l CROSS JOIN conversations c",
                 " ON c.workspace_id = l.workspace_id AND c.contact_id = l.contact_id",
                 kLabelListWhere, kOptionalFilters, " AND l.workspace_id = ?1 AND l.label = ?8"}),
      // The conversations of the matching messages and contacts (of any workspace: the join
      // keeps this one's), then filtered and sorted.
      ListQuery("WITH hits (id) AS (SELECT rowid >> 32 FROM message_search"
                " WHERE message_search MATCH ?9"
                " UNION SELECT h.id FROM contact_search CROSS JOIN conversations h"
                " ON h.workspace_id = ?1 AND h.contact_id = contact_search.rowid"
                " WHERE contact_search MATCH ?9) ",
                {"hits CROSS JOIN conversations c ON c.id = hits.id", kListWhere, kOptionalFilters,
                 kOptionalLabel}),
      ListQuery("", {"conversations c INDEXED BY conversations_by_folder", kListWhere,
                     kOptionalFilters, kOptionalLabel, kMatches}),
  };
  return kSql[static_cast<std::size_t>(shape)];
}

constexpr std::string_view kCountUnread =
    "SELECT folder, channel, COUNT(*) FROM conversations"
    " INDEXED BY conversations_unread_by_channel"
    " WHERE workspace_id = ?1 AND unread_count > 0 GROUP BY folder, channel";

// Counts the matching messages and contacts (of any workspace), up to ?2 of each: enough to
// choose a search's shape.
constexpr std::string_view kCountMatches =
    "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM message_search"
    "  WHERE message_search MATCH ?1 LIMIT ?2))"
    " + (SELECT COUNT(*) FROM (SELECT 1 FROM contact_search"
    "  WHERE contact_search MATCH ?1 LIMIT ?2))";

// The shape of a list without search.
Shape ShapeOf(const core::ConversationFilter& filter) {
  if (filter.label) return Shape::kLabel;
  if (filter.unread_only) return filter.channel ? Shape::kUnreadChannel : Shape::kUnreadFolder;
  return filter.channel ? Shape::kChannel : Shape::kFolder;
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
    const std::optional<core::ConversationCursor>& after, std::size_t limit,
    std::size_t many_matches) {
  constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();
  if (limit == 0) return core::ConversationPage{};
  Shape shape = ShapeOf(filter);
  std::optional<SearchQuery> search;
  if (!filter.search.empty()) {
    search = ParseSearch(filter.search);
    if (!search) return core::ConversationPage{};  // nothing to search for: nothing matches
    shape = Shape::kSearchFew;
    // Testing conversation after conversation pays only when each test is cheap.
    if (search->indexed) {
      base::Result<bool> many = ManyMatches(db, search->expression, many_matches);
      if (!many.ok()) return many.error();
      if (*many) shape = Shape::kSearchMany;
    }
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
    case Shape::kSearchFew:
    case Shape::kSearchMany:
      q->Bind(9, search->expression);
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
