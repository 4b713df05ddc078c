#include "store/postgres/inbox.h"

#include <algorithm>
#include <limits>

#include "store/rows.h"
#include "store/search_words.h"
#include "store/sql/conversations.h"

namespace store::postgres {
namespace {

constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();

// The columns ReadConversationSummary reads, FROM conversations c JOIN contacts k and the last
// message m.
#define FRONTDESK_SUMMARY_SELECT                                                         \
  "SELECT c.id, c.channel, c.account_id, c.folder, c.mode, c.resume_at_ms, c.epoch,"     \
  " c.priority, c.unread_count, c.contact_id, k.display_name, k.external_id,"            \
  " c.last_activity_ms,"                                                                 \
  " (SELECT COALESCE(json_agg(label ORDER BY position), '[]')::text FROM contact_labels" \
  "   WHERE contact_id = c.contact_id),"                                                 \
  " m.id, m.author, m.text, m.at_ms, m.epoch, m.provider_message_id, m.delivery,"        \
  " m.delivery_error, m.attachment, m.author_user, m.model"                              \
  " FROM conversations c JOIN contacts k ON k.id = c.contact_id"                         \
  " LEFT JOIN messages m ON m.id = c.last_message_id"

constexpr std::string_view kSelectSummary =
    FRONTDESK_SUMMARY_SELECT " WHERE c.id = $1 AND c.workspace_id = $2";

// $1 workspace, $2 folder, $3 and $4 the cursor (activity, id; the largest values for the first
// page), $5 the page size, $6 a channel (NULL: every one), $7 unread only (0 or 1), $8 a label
// (NULL: any), $9 the search's tsquery (NULL: no search). Conversations without a message have
// no activity and are never listed.
constexpr std::string_view kSelectPage = FRONTDESK_SUMMARY_SELECT
    " WHERE c.workspace_id = $1 AND c.folder = $2 AND c.last_activity_ms IS NOT NULL"
    " AND (c.last_activity_ms, c.id) < ($3::bigint, $4::bigint)"
    " AND ($6::text IS NULL OR c.channel = $6::text)"
    " AND ($7::integer = 0 OR c.unread_count > 0)"
    " AND ($8::text IS NULL OR c.contact_id IN (SELECT l.contact_id FROM contact_labels l"
    "   WHERE l.workspace_id = $1 AND l.label = $8::text))"
    " AND ($9::text IS NULL"
    "   OR k.name_tsv @@ to_tsquery('fd_text', $9::text)"
    "   OR EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id"
    "     AND s.tsv @@ to_tsquery('fd_text', $9::text)))"
    " ORDER BY c.last_activity_ms DESC, c.id DESC LIMIT $5";

}  // namespace

std::optional<std::string> SearchTsquery(std::string_view text) {
  std::string query;
  for (std::string_view word : SearchWords(text)) {
    if (!query.empty()) query += " & ";
    query += word;  // letters, digits and non-ASCII bytes: no tsquery syntax
    if (word.size() > 1) query += ":*";
  }
  if (query.empty()) return std::nullopt;
  return query;
}

base::Result<core::ConversationSummary> LoadInboxSummary(Connection& db, std::int64_t workspace_id,
                                                         std::int64_t conversation_id) {
  return sql::SelectSummary(db, kSelectSummary, workspace_id, conversation_id);
}

base::Result<core::ConversationPage> ListInbox(Connection& db, std::int64_t workspace_id,
                                               const core::ConversationFilter& filter,
                                               const std::optional<core::ConversationCursor>& after,
                                               std::size_t limit) {
  if (limit == 0) return core::ConversationPage{};
  std::optional<std::string> search;
  if (!filter.search.empty()) {
    search = SearchTsquery(filter.search);
    if (!search) return core::ConversationPage{};  // nothing to search for: nothing matches
  }
  base::Result<Query> q = db.Prepare(kSelectPage);
  if (!q.ok()) return q.error();
  // One row past the page tells whether another page follows.
  const auto wanted = static_cast<std::int64_t>(std::min<std::size_t>(limit, kEnd - 1)) + 1;
  const std::optional<std::string_view> channel =
      filter.channel ? std::optional(core::ToString(*filter.channel)) : std::nullopt;
  const std::optional<std::string_view> label =
      filter.label ? std::optional<std::string_view>(*filter.label) : std::nullopt;
  const std::optional<std::string_view> tsquery =
      search ? std::optional<std::string_view>(*search) : std::nullopt;
  q->BindAll(workspace_id, core::ToString(filter.folder),
             after ? base::ToMillis(after->last_activity) : kEnd, after ? after->id : kEnd, wanted,
             channel, std::int64_t{filter.unread_only}, label, tsquery);
  return ReadInboxPage(*q, limit);
}

}  // namespace store::postgres
