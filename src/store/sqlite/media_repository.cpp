#include "store/sqlite/media_repository.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

#include "base/sha256.h"
#include "store/enum_name.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kInsert =
    "INSERT INTO media (workspace_id, conversation_id, message_id, channel, account_id, kind,"
    " source, mime_type, file_name, state, due_at_ms)"
    " SELECT m.workspace_id, m.conversation_id, m.id, c.channel, c.account_id, ?3, ?4, ?5, ?6,"
    " 'pending', ?7 FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.provider_message_id = ?2 AND m.workspace_id = ?1"
    " ON CONFLICT (message_id, source) DO NOTHING";
constexpr std::string_view kAttach =
    "INSERT INTO media (workspace_id, conversation_id, message_id, channel, account_id, kind,"
    " source, mime_type, size, sha256, file_name, state, due_at_ms)"
    " SELECT m.workspace_id, m.conversation_id, m.id, c.channel, c.account_id, ?3, '', ?4, ?5,"
    " ?6, ?7, 'stored', 0 FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.id = ?2 AND m.workspace_id = ?1";
constexpr std::string_view kClaim =
    "UPDATE media SET due_at_ms = ?3 WHERE id IN (SELECT id FROM media WHERE state = 'pending'"
    " AND due_at_ms <= ?1 ORDER BY due_at_ms, id LIMIT ?2) RETURNING id, workspace_id,"
    " conversation_id, message_id, channel, account_id, kind, source, mime_type, size, sha256,"
    " file_name, state, attempts, error";
constexpr std::string_view kFinish =
    "UPDATE media SET state = ?2, mime_type = CASE WHEN ?3 = '' THEN mime_type ELSE ?3 END,"
    " size = ?4, sha256 = ?5, error = ?6 WHERE id = ?1 AND state = 'pending'";
constexpr std::string_view kRetry =
    "UPDATE media SET due_at_ms = ?2, attempts = attempts + 1, error = ?3"
    " WHERE id = ?1 AND state = 'pending'";
constexpr std::string_view kList =
    "SELECT id, workspace_id, conversation_id, message_id, channel, account_id, kind, source,"
    " mime_type, size, sha256, file_name, state, attempts, error FROM media"
    " WHERE conversation_id = ?2 AND workspace_id = ?1 ORDER BY message_id, id";
constexpr std::string_view kOne =
    "SELECT id, workspace_id, conversation_id, message_id, channel, account_id, kind, source,"
    " mime_type, size, sha256, file_name, state, attempts, error FROM media"
    " WHERE id = ?3 AND conversation_id = ?2 AND workspace_id = ?1";

base::Result<core::Media> ReadRow(const Query& q) {
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

base::Result<std::vector<core::Media>> ReadRows(Query& q) {
  std::vector<core::Media> rows;
  while (true) {
    base::Result<bool> row = q.Step();
    if (!row.ok()) return row.error();
    if (!*row) return rows;
    auto media = ReadRow(q);
    if (!media.ok()) return media.error();
    rows.push_back(std::move(*media));
  }
}

// Writes `bytes` as `path`, whole or not at all: a temporary file renamed into place.
base::Status WriteFile(const fs::path& path, const std::string& bytes) {
  if (fs::exists(path)) return base::Status::Ok();  // the same bytes (their name is their hash)
  thread_local std::mt19937_64 random{std::random_device{}()};
  const fs::path temporary = path.string() + ".part" + std::to_string(random());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return base::Error{base::ErrorCode::kUnavailable, "cannot write a media file"};
    }
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary, error);
    return base::Error{base::ErrorCode::kUnavailable, "cannot store a media file"};
  }
  return base::Status::Ok();
}

}  // namespace

MediaRepository::MediaRepository(DatabaseFile& file, std::string directory)
    : file_(file), directory_(std::move(directory)) {
  std::error_code ignored;  // a directory that cannot be made fails each write, saying so
  fs::create_directories(directory_, ignored);
}

base::Status MediaRepository::AddMedia(std::int64_t workspace_id,
                                       const std::string& provider_message_id,
                                       const core::NewMedia& media, base::TimePoint due) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kInsert);
  if (!q.ok()) return q.error();
  return q
      ->BindAll(workspace_id, provider_message_id, core::ToString(media.kind), media.source,
                media.mime_type, media.file_name, due)
      .Run();
}

base::Result<std::string> MediaRepository::KeepFile(const std::string& bytes) {
  std::string sha256 = base::Sha256Hex(bytes);
  if (base::Status written = WriteFile(fs::path(directory_) / sha256, bytes); !written.ok()) {
    return written.error();
  }
  return sha256;
}

base::Status MediaRepository::AttachFile(std::int64_t workspace_id, std::int64_t message_id,
                                         const core::NewMedia& media, const std::string& sha256,
                                         std::int64_t size) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kAttach);
  if (!q.ok()) return q.error();
  base::Status inserted = q->BindAll(workspace_id, message_id, core::ToString(media.kind),
                                     media.mime_type, size, sha256, media.file_name)
                              .Run();
  if (!inserted.ok()) return inserted;
  if (db.Changes() == 0) return base::Error::NotFound("message not found");
  return base::Status::Ok();
}

base::Result<std::vector<core::Media>> MediaRepository::ClaimMedia(base::TimePoint now,
                                                                   std::size_t limit,
                                                                   base::TimePoint lease_until) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kClaim);
  if (!q.ok()) return q.error();
  q->BindAll(now, static_cast<std::int64_t>(limit), lease_until);
  return ReadRows(*q);
}

base::Status MediaRepository::FinishMedia(std::int64_t media_id,
                                          const core::MediaOutcome& outcome) {
  std::string sha256;
  if (outcome.state == core::MediaState::kStored) {
    // Outside the store's lock: a large file keeps nobody waiting.
    auto kept = KeepFile(outcome.bytes);
    if (!kept.ok()) return kept.error();
    sha256 = std::move(*kept);
  }
  const auto size = static_cast<std::int64_t>(outcome.bytes.size());
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kFinish);
  if (!q.ok()) return q.error();
  return q
      ->BindAll(media_id, core::ToString(outcome.state), outcome.mime_type, size, sha256,
                outcome.error)
      .Run();
}

base::Status MediaRepository::RetryMedia(std::int64_t media_id, base::TimePoint not_before,
                                         const std::string& error) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kRetry);
  if (!q.ok()) return q.error();
  return q->BindAll(media_id, not_before, error).Run();
}

base::Result<std::vector<core::Media>> MediaRepository::ListMedia(std::int64_t workspace_id,
                                                                  std::int64_t conversation_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kList);
  if (!q.ok()) return q.error();
  q->BindAll(workspace_id, conversation_id);
  return ReadRows(*q);
}

base::Result<std::pair<core::Media, std::string>> MediaRepository::ReadMedia(
    std::int64_t workspace_id, std::int64_t conversation_id, std::int64_t media_id) {
  base::Result<std::vector<core::Media>> rows = [&]() -> base::Result<std::vector<core::Media>> {
    auto [lock, db] = file_.Write();
    base::Result<Query> q = db.Prepare(kOne);
    if (!q.ok()) return q.error();
    q->BindAll(workspace_id, conversation_id, media_id);
    return ReadRows(*q);
  }();
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return base::Error{base::ErrorCode::kNotFound, "attachment not found"};
  core::Media media = std::move(rows->front());
  if (media.state != core::MediaState::kStored) return std::pair{std::move(media), std::string()};
  std::ifstream in(fs::path(directory_) / media.sha256, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return base::Error{base::ErrorCode::kUnavailable, "cannot read a media file"};
  return std::pair{std::move(media), bytes.str()};
}

}  // namespace store::sqlite
