// The core::MediaStore of the embedded backend: metadata in the database's `media` table, the bytes
// as files in a directory of their own, each named by the sha256 of its bytes (one file for equal
// bytes). A file is written under a temporary name and renamed, before its row says stored: a row
// never names a missing or half-written file. Thread-safety: as core::MediaStore.
#pragma once

#include <string>

#include "core/media.h"
#include "store/sqlite/database_file.h"

namespace store::sqlite {

class MediaRepository final : public core::MediaStore {
 public:
  // `file` is borrowed and must outlive the repository. `directory` is created when missing.
  MediaRepository(DatabaseFile& file, std::string directory);

  base::Status AddMedia(std::int64_t workspace_id, const std::string& provider_message_id,
                        const core::NewMedia& media, base::TimePoint due) override;
  base::Result<std::vector<core::Media>> ClaimMedia(base::TimePoint now, std::size_t limit,
                                                    base::TimePoint lease_until) override;
  base::Status FinishMedia(std::int64_t media_id, const core::MediaOutcome& outcome) override;
  base::Status RetryMedia(std::int64_t media_id, base::TimePoint not_before,
                          const std::string& error) override;
  base::Result<std::string> KeepFile(const std::string& bytes) override;
  base::Status AttachFile(std::int64_t workspace_id, std::int64_t message_id,
                          const core::NewMedia& media, const std::string& sha256,
                          std::int64_t size) override;
  base::Result<std::vector<core::Media>> ListMedia(std::int64_t workspace_id,
                                                   std::int64_t conversation_id) override;
  base::Result<std::pair<core::Media, std::string>> ReadMedia(std::int64_t workspace_id,
                                                              std::int64_t conversation_id,
                                                              std::int64_t media_id) override;

 private:
  DatabaseFile& file_;
  const std::string directory_;
};

}  // namespace store::sqlite
