// The embedded backend's media bytes: files in a directory of their own, each named by the
// sha256 of its bytes. A file is written under a temporary name and renamed, before its row says
// stored: a row never names a missing or half-written file.
#pragma once

#include <string>

#include "store/media_bytes.h"

namespace store::sqlite {

class MediaFiles final : public MediaBytes {
 public:
  // `directory` is created when missing (when it cannot be, each Keep fails saying so).
  explicit MediaFiles(std::string directory);

  base::Result<std::string> Keep(const std::string& bytes) override;
  base::Result<std::string> Read(const std::string& sha256) override;

 private:
  const std::string directory_;
};

}  // namespace store::sqlite
