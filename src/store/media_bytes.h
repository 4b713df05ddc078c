// Where a media store keeps its files' bytes, each under the sha256 (hex) of its bytes: one copy
// for equal bytes. The embedded backend keeps them as files in a directory
// (sqlite/media_files.h), PostgreSQL in a table every instance reads (postgres/media_blobs.h).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <string>

#include "base/result.h"

namespace store {

class MediaBytes {
 public:
  virtual ~MediaBytes() = default;
  // Keeps `bytes`, whole or not at all, and returns their sha256. Call it outside every store
  // transaction: a large file keeps nobody waiting. kUnavailable when they cannot be kept.
  virtual base::Result<std::string> Keep(const std::string& bytes) = 0;
  // The bytes kept under `sha256`. kUnavailable when they cannot be read.
  virtual base::Result<std::string> Read(const std::string& sha256) = 0;
};

}  // namespace store
