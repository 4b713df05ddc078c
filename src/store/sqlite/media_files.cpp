#include "store/sqlite/media_files.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "base/sha256.h"

namespace store::sqlite {
namespace {

namespace fs = std::filesystem;

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

MediaFiles::MediaFiles(std::string directory) : directory_(std::move(directory)) {
  std::error_code ignored;
  fs::create_directories(directory_, ignored);
}

base::Result<std::string> MediaFiles::Keep(const std::string& bytes) {
  std::string sha256 = base::Sha256Hex(bytes);
  if (base::Status written = WriteFile(fs::path(directory_) / sha256, bytes); !written.ok()) {
    return written.error();
  }
  return sha256;
}

base::Result<std::string> MediaFiles::Read(const std::string& sha256) {
  std::ifstream in(fs::path(directory_) / sha256, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return base::Error{base::ErrorCode::kUnavailable, "cannot read a media file"};
  return bytes.str();
}

}  // namespace store::sqlite
