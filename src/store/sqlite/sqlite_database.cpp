#include "store/sqlite/sqlite_database.h"

#include <filesystem>
#include <utility>

namespace store::sqlite {

base::Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(
    const std::string& path, const std::string& media_directory, bool serving) {
  std::optional<ServingLock> lock;
  if (serving) {
    base::Result<ServingLock> taken = ServingLock::Take(path);
    if (!taken.ok()) return taken.error();
    lock.emplace(std::move(*taken));
  }
  base::Result<std::unique_ptr<DatabaseFile>> file = DatabaseFile::Open(path);
  if (!file.ok()) return file.error();
  base::Result<std::unique_ptr<CallbackQueue>> callbacks = CallbackQueue::Open(path);
  if (!callbacks.ok()) return callbacks.error();
  std::string media = media_directory;
  if (media.empty()) media = (std::filesystem::path(path).parent_path() / "media").string();
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(
      std::move(lock), std::move(*file), std::move(*callbacks), std::move(media)));
}

SqliteDatabase::SqliteDatabase(std::optional<ServingLock> lock, std::unique_ptr<DatabaseFile> file,
                               std::unique_ptr<CallbackQueue> callbacks,
                               std::string media_directory)
    : lock_(std::move(lock)),
      file_(std::move(file)),
      callbacks_(std::move(callbacks)),
      media_files_(std::move(media_directory)) {}

}  // namespace store::sqlite
