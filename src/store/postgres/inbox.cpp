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
// (NULL: any). Conversations without a message have no activity and are never listed.
#define FRONTDESK_PAGE_CONDITIONS                                                        \
  " c.workspace_id = $1 AND c.folder = $2 AND c.last_activity_ms IS NOT NULL"            \
  " AND (c.last_activity_ms, c.id) < ($3::bigint, $4::bigint)"                           \
  " AND ($6::text IS NULL OR c.channel = $6::text)"                                      \
  " AND ($7::integer = 0 OR c.unread_count > 0)"                                         \
  " AND ($8::text IS NULL OR c.contact_id IN (SELECT l.contact_id FROM contact_labels l" \
  "   WHERE l.workspace_id = $1 AND l.label = $8::text))"                                \
  " ORDER BY c.last_activity_ms DESC, c.id DESC LIMIT $5"
constexpr std::string_view kSelectPage =
    FRONTDESK_SUMMARY_SELECT " WHERE" FRONTDESK_PAGE_CONDITIONS;
// A search of a rare word, $9 its tsquery: the conversations whose contact's name or one of whose
// messages matches are found through the GIN indexes first, then filtered and paged as above.
constexpr std::string_view kSearchPage = FRONTDESK_SUMMARY_SELECT
    " JOIN (SELECT s.conversation_id AS id FROM messages s"
    "   WHERE s.tsv @@ to_tsquery('fd_text', $9::text) AND s.workspace_id = $1"
    "  UNION SELECT h.id FROM contacts n JOIN conversations h ON h.contact_id = n.id"
    "   WHERE n.name_tsv @@ to_tsquery('fd_text', $9::text) AND n.workspace_id = $1) hit"
    " ON hit.id = c.id WHERE" FRONTDESK_PAGE_CONDITIONS;
// A search of a common word: the list walked in its order, each conversation looked into, stops
// after a page of matches, sooner than collecting every match would.
constexpr std::string_view kWalkingSearchPage = FRONTDESK_SUMMARY_SELECT
    " WHERE (k.name_tsv @@ to_tsquery('fd_text', $9::text)"
    "   OR EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id"
    "     AND s.tsv @@ to_tsquery('fd_text', $9::text))) AND" FRONTDESK_PAGE_CONDITIONS;
#undef FRONTDESK_PAGE_CONDITIONS

// How many messages of the workspace match a search, counted up to kCommonSearch: a word with
// that many is common (kWalkingSearchPage), one with fewer rare (kSearchPage).
constexpr std::int64_t kCommonSearch = 2000;
constexpr std::string_view kCountMatches =
    "SELECT COUNT(*) FROM (SELECT 1 FROM messages"
    " WHERE tsv @@ to_tsquery('fd_text', $2::text) AND workspace_id = $1 LIMIT $3) m";

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
  std::string_view statement = kSelectPage;
  if (search) {
    base::Result<Query> count = db.Prepare(kCountMatches);
    if (!count.ok()) return count.error();
    base::Result<bool> row = count->BindAll(workspace_id, *search, kCommonSearch).Step();
    if (!row.ok()) return row.error();
    statement = count->Int64(0) < kCommonSearch ? kSearchPage : kWalkingSearchPage;
  }
  base::Result<Query> q = db.Prepare(statement);
  if (!q.ok()) return q.error();
  // One row past the page tells whether another page follows.
  const auto wanted = static_cast<std::int64_t>(std::min<std::size_t>(limit, kEnd - 1)) + 1;
  const std::optional<std::string_view> channel =
      filter.channel ? std::optional(core::ToString(*filter.channel)) : std::nullopt;
  const std::optional<std::string_view> label =
      filter.label ? std::optional<std::string_view>(*filter.label) : std::nullopt;
  q->BindAll(workspace_id, core::ToString(filter.folder),
             after ? base::ToMillis(after->last_activity) : kEnd, after ? after->id : kEnd, wanted,
             channel, std::int64_t{filter.unread_only}, label);
  if (search) q->Bind(9, *search);
  return ReadInboxPage(*q, limit);
}

}  // namespace store::postgres
