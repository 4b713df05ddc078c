// The core::MediaStore adapter both backends share: the files' metadata in the `media` table, and
// their bytes in the backend's MediaBytes (files beside a SQLite database, a table of PostgreSQL).
// A claim is one UPDATE that moves each due media's next attempt to the end of the lease and
// returns it, and whose WHERE says "due" again: on PostgreSQL an instance whose claim waited on
// another's sees the row moved on and skips it, so no media is claimed twice.
// `Backend` is sqlite::DatabaseFile or postgres::Pool (instantiated for both in the .cpp).
//
// Thread-safety: as core::MediaStore.
#pragma once

#include "core/media.h"
#include "store/media_bytes.h"

namespace store::sql {

template <typename Backend>
class MediaStore final : public core::MediaStore {
 public:
  // `backend` and `bytes` are borrowed and must outlive the adapter.
  MediaStore(Backend& backend, MediaBytes& bytes) : backend_(backend), bytes_(bytes) {}

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
  Backend& backend_;
  MediaBytes& bytes_;
};

}  // namespace store::sql
