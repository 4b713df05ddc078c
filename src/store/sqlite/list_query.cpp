#include "store/sqlite/list_query.h"

#include <array>
#include <string_view>

#include "core/enums.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kSummarySelect =
    "SELECT c.id, c.channel, c.account_id, c.folder, c.mode, c.resume_at_ms, c.epoch,"
    " c.priority, c.unread_count, c.contact_id, k.display_name, k.external_id,"
    " c.last_activity_ms,"
    " (SELECT json_group_array(label) FROM (SELECT label FROM contact_labels"
    "   WHERE contact_id = c.contact_id ORDER BY position)),"
    " m.id, m.author, m.text, m.at_ms, m.epoch, m.provider_message_id, m.delivery,"
    " m.delivery_error, m.attachment, m.author_user, m.model";
// CROSS JOIN fixes the join order: the conversation first.
constexpr std::string_view kSummaryJoins =
    " CROSS JOIN contacts k ON k.id = c.contact_id"
    " LEFT JOIN messages m ON m.id = c.last_message_id";

// Conversations without a message have no activity and are never listed.
constexpr std::string_view kListWhere =
    " WHERE c.workspace_id = ?1 AND c.folder = ?2 AND c.last_activity_ms IS NOT NULL"
    " AND (c.last_activity_ms, c.id) < (?3, ?4)";
// The same for a list that starts from other rows: the unary + keeps the planner off
// conversations_by_tab (one walk of it per row) for the conversation's own key.
constexpr std::string_view kJoinedWhere =
    " WHERE c.workspace_id = ?1 AND +c.folder = ?2 AND c.last_activity_ms IS NOT NULL"
    " AND (+c.last_activity_ms, c.id) < (?3, ?4)";
constexpr std::string_view kOrder = " ORDER BY c.last_activity_ms DESC, c.id DESC";
constexpr std::string_view kTabIndex = "conversations c INDEXED BY conversations_by_tab";
constexpr std::string_view kUnread = " AND (?7 = 0 OR c.unread_count > 0)";
constexpr std::string_view kChannel = " AND (?6 IS NULL OR c.channel = ?6)";
constexpr std::string_view kLabel =
    " AND (?8 IS NULL OR c.contact_id IN (SELECT contact_id FROM contact_labels"
    " WHERE workspace_id = ?1 AND label = ?8))";
// A conversation's messages are the search rowids from its id * 2^32 on (migration 8).
constexpr std::string_view kMatches =
    " AND (EXISTS (SELECT 1 FROM message_search WHERE message_search MATCH ?9"
    " AND rowid BETWEEN c.id << 32 AND (c.id << 32) + 4294967295)"
    " OR EXISTS (SELECT 1 FROM contact_search WHERE contact_search MATCH ?9"
    " AND rowid = c.contact_id))";
constexpr std::string_view kCollected = " AND (id_in(?10, c.id) OR id_in(?11, c.contact_id))";
constexpr std::string_view kHits =
    "WITH hits (id) AS (SELECT rowid >> 32 FROM message_search WHERE message_search MATCH ?9"
    " UNION SELECT h.id FROM contact_search CROSS JOIN conversations h"
    " ON h.workspace_id = ?1 AND h.contact_id = contact_search.rowid"
    " WHERE contact_search MATCH ?9) ";

std::string Concat(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) s += p;
  return s;
}

// The ids of a page: the conversations `c` of `from_where` in list order, at most ?5.
std::string Page(std::string_view from_where) {
  return Concat({"SELECT c.id FROM ", from_where, kOrder, " LIMIT ?5"});
}

// The ids of a page of every channel: one walk of the tab index per channel (`per_channel`
// filters each), merged.
std::string PageOfEveryChannel(std::string_view per_channel) {
  std::string walks;
  for (core::Channel channel : core::kEveryChannel) {
    if (!walks.empty()) walks += " UNION ALL ";
    walks += Concat({"SELECT * FROM (SELECT c.id, c.last_activity_ms FROM ", kTabIndex, kListWhere,
                     " AND c.channel = '", core::ToString(channel), "'", per_channel, kOrder,
                     " LIMIT ?5)"});
  }
  return Concat({"SELECT id FROM (", walks, ") ORDER BY last_activity_ms DESC, id DESC LIMIT ?5"});
}

// The summaries of a page's conversations, in list order.
ListStatement List(std::string_view with, std::string_view page, int parameters) {
  return {Concat({with, kSummarySelect, " FROM (", page,
                  ") page CROSS JOIN conversations c ON c.id = page.id", kSummaryJoins, kOrder}),
          parameters};
}

}  // namespace

const ListStatement& ListSql(ListShape shape) {
  static const std::array kStatements{
      List("", PageOfEveryChannel(kUnread), 7),
      List("", Page(Concat({kTabIndex, kListWhere, " AND c.channel = ?6", kUnread})), 7),
      List("",
           Page(Concat({"contact_labels l CROSS JOIN conversations c",
                        " ON c.workspace_id = l.workspace_id AND c.contact_id = l.contact_id",
                        kJoinedWhere, kChannel, kUnread,
                        " AND l.workspace_id = ?1 AND l.label = ?8"})),
           8),
      List(kHits,
           Page(Concat({"hits CROSS JOIN conversations c ON c.id = hits.id", kJoinedWhere, kChannel,
                        kUnread, kLabel})),
           9),
      List("", PageOfEveryChannel(Concat({kUnread, kLabel, kCollected})), 11),
      List(
          "",
          Page(Concat({kTabIndex, kListWhere, " AND c.channel = ?6", kUnread, kLabel, kCollected})),
          11),
      List("", PageOfEveryChannel(Concat({kUnread, kLabel, kMatches})), 9),
      List("",
           Page(Concat({kTabIndex, kListWhere, " AND c.channel = ?6", kUnread, kLabel, kMatches})),
           9),
  };
  return kStatements[static_cast<std::size_t>(shape)];
}

const std::string& SummarySql() {
  static const std::string kSql = Concat({kSummarySelect, " FROM conversations c", kSummaryJoins,
                                          " WHERE c.id = ?1 AND c.workspace_id = ?2"});
  return kSql;
}

}  // namespace store::sqlite
