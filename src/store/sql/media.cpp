#include "store/sql/media.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "store/enum_name.h"
#include "store/postgres/pool.h"
#include "store/sql/statements.h"
#include "store/sqlite/database_file.h"

namespace store::sql {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO media (workspace_id, conversation_id, message_id, channel, account_id, kind,"
    " source, mime_type, file_name, state, due_at_ms)"
    " SELECT m.workspace_id, m.conversation_id, m.id, c.channel, c.account_id, $3, $4, $5, $6,"
    " 'pending', $7 FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.provider_message_id = $2 AND m.workspace_id = $1"
    " ON CONFLICT (message_id, source) DO NOTHING";
constexpr std::string_view kAttach =
    "INSERT INTO media (workspace_id, conversation_id, message_id, channel, account_id, kind,"
    " source, mime_type, size, sha256, file_name, state, due_at_ms)"
    " SELECT m.workspace_id, m.conversation_id, m.id, c.channel, c.account_id, $3, '', $4, $5,"
    " $6, $7, 'stored', 0 FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.id = $2 AND m.workspace_id = $1";
constexpr std::string_view kClaim =
    "UPDATE media SET due_at_ms = $3 WHERE id IN (SELECT id FROM media WHERE state = 'pending'"
    " AND due_at_ms <= $1 ORDER BY due_at_ms, id LIMIT $2)"
    " AND state = 'pending' AND due_at_ms <= $1 RETURNING id, workspace_id,"
    " conversation_id, message_id, channel, account_id, kind, source, mime_type, size, sha256,"
    " file_name, state, attempts, error";
constexpr std::string_view kFinish =
    "UPDATE media SET state = $2, mime_type = CASE WHEN $3 = '' THEN mime_type ELSE $3 END,"
    " size = $4, sha256 = $5, error = $6 WHERE id = $1 AND state = 'pending'";
constexpr std::string_view kRetry =
    "UPDATE media SET due_at_ms = $2, attempts = attempts + 1, error = $3"
    " WHERE id = $1 AND state = 'pending'";
constexpr std::string_view kList =
    "SELECT id, workspace_id, conversation_id, message_id, channel, account_id, kind, source,"
    " mime_type, size, sha256, file_name, state, attempts, error FROM media"
    " WHERE conversation_id = $2 AND workspace_id = $1 ORDER BY message_id, id";
constexpr std::string_view kOne =
    "SELECT id, workspace_id, conversation_id, message_id, channel, account_id, kind, source,"
    " mime_type, size, sha256, file_name, state, attempts, error FROM media"
    " WHERE id = $3 AND conversation_id = $2 AND workspace_id = $1";

base::Result<core::Media> ReadMediaRow(const auto& q) {
  auto channel = EnumColumn<core::ParseChannel>(q, 4, "channel");
  if (!channel.ok()) return channel.error();
  auto kind = EnumColumn<core::ParseAttachment>(q, 6, "media kind");
  if (!kind.ok()) return kind.error();
  auto state = EnumColumn<core::ParseMediaState>(q, 12, "media state");
  if (!state.ok()) return state.error();
  return core::Media{.id = q.Int64(0),
                     .workspace_id = q.Int64(1),
                     .conversation_id = q.Int64(2),
                     .message_id = q.Int64(3),
                     .channel = *channel,
                     .account_id = q.Text(5),
                     .kind = *kind,
                     .source = q.Text(7),
                     .mime_type = q.Text(8),
                     .size = q.Int64(9),
                     .sha256 = q.Text(10),
                     .file_name = q.Text(11),
                     .state = *state,
                     .attempts = static_cast<int>(q.Int64(13)),
                     .error = q.Text(14)};
}

// The media rows `sql` gives with `args`.
base::Result<std::vector<core::Media>> MediaRows(auto& db, std::string_view sql,
                                                 const auto&... args) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  q->BindAll(args...);
  return ReadAll(*q, [](const auto& r) { return ReadMediaRow(r); });
}

}  // namespace

template <typename Backend>
base::Status MediaStore<Backend>::AddMedia(std::int64_t workspace_id,
                                           const std::string& provider_message_id,
                                           const core::NewMedia& media, base::TimePoint due) {
  return backend_.Writing([&](auto& db) {
    return RunStatement(db, kInsert, workspace_id, provider_message_id, core::ToString(media.kind),
                        media.source, media.mime_type, media.file_name, due);
  });
}

template <typename Backend>
base::Result<std::string> MediaStore<Backend>::KeepFile(const std::string& bytes) {
  return bytes_.Keep(bytes);
}

template <typename Backend>
base::Status MediaStore<Backend>::AttachFile(std::int64_t workspace_id, std::int64_t message_id,
                                             const core::NewMedia& media, const std::string& sha256,
                                             std::int64_t size) {
  return backend_.Writing([&](auto& db) {
    return ChangeOne(db, "message", kAttach, workspace_id, message_id, core::ToString(media.kind),
                     media.mime_type, size, sha256, media.file_name);
  });
}

template <typename Backend>
base::Result<std::vector<core::Media>> MediaStore<Backend>::ClaimMedia(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until) {
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return backend_.Writing([&](auto& db) {
    return MediaRows(db, kClaim, now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)),
                     lease_until);
  });
}

template <typename Backend>
base::Status MediaStore<Backend>::FinishMedia(std::int64_t media_id,
                                              const core::MediaOutcome& outcome) {
  std::string sha256;
  if (outcome.state == core::MediaState::kStored) {
    auto kept = bytes_.Keep(outcome.bytes);  // before the row says stored
    if (!kept.ok()) return kept.error();
    sha256 = std::move(*kept);
  }
  const auto size = static_cast<std::int64_t>(outcome.bytes.size());
  return backend_.Writing([&](auto& db) {
    return RunStatement(db, kFinish, media_id, core::ToString(outcome.state), outcome.mime_type,
                        size, sha256, outcome.error);
  });
}

template <typename Backend>
base::Status MediaStore<Backend>::RetryMedia(std::int64_t media_id, base::TimePoint not_before,
                                             const std::string& error) {
  return backend_.Writing(
      [&](auto& db) { return RunStatement(db, kRetry, media_id, not_before, error); });
}

template <typename Backend>
base::Result<std::vector<core::Media>> MediaStore<Backend>::ListMedia(
    std::int64_t workspace_id, std::int64_t conversation_id) {
  return backend_.Writing(
      [&](auto& db) { return MediaRows(db, kList, workspace_id, conversation_id); });
}

template <typename Backend>
base::Result<std::pair<core::Media, std::string>> MediaStore<Backend>::ReadMedia(
    std::int64_t workspace_id, std::int64_t conversation_id, std::int64_t media_id) {
  auto rows = backend_.Writing(
      [&](auto& db) { return MediaRows(db, kOne, workspace_id, conversation_id, media_id); });
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return base::Error{base::ErrorCode::kNotFound, "attachment not found"};
  core::Media media = std::move(rows->front());
  if (media.state != core::MediaState::kStored) return std::pair{std::move(media), std::string()};
  auto bytes = bytes_.Read(media.sha256);
  if (!bytes.ok()) return bytes.error();
  return std::pair{std::move(media), std::move(*bytes)};
}

template class MediaStore<sqlite::DatabaseFile>;
template class MediaStore<postgres::Pool>;

}  // namespace store::sql
