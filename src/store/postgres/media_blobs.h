// The media bytes of instances sharing a PostgreSQL database: rows of the media_files table
// (sha256, bytea), so that every instance serves every file.
#pragma once

#include "store/media_bytes.h"
#include "store/postgres/pool.h"

namespace store::postgres {

class MediaBlobs final : public MediaBytes {
 public:
  // `pool` is borrowed and must outlive the blobs.
  explicit MediaBlobs(Pool& pool) : pool_(pool) {}

  base::Result<std::string> Keep(const std::string& bytes) override;
  base::Result<std::string> Read(const std::string& sha256) override;

 private:
  Pool& pool_;
};

}  // namespace store::postgres
