#include "store/sqlite/sqlite_database.h"

#include <filesystem>
#include <utility>

namespace store::sqlite {

base::Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(
    const std::string& path, const std::string& media_directory) {
  base::Result<std::unique_ptr<DatabaseFile>> file = DatabaseFile::Open(path);
  if (!file.ok()) return file.error();
  base::Result<std::unique_ptr<InboxRepository>> inbox = InboxRepository::Open(path);
  if (!inbox.ok()) return inbox.error();
  std::string media = media_directory;
  if (media.empty()) media = (std::filesystem::path(path).parent_path() / "media").string();
  return std::unique_ptr<SqliteDatabase>(
      new SqliteDatabase(std::move(*file), std::move(*inbox), std::move(media)));
}

SqliteDatabase::SqliteDatabase(std::unique_ptr<DatabaseFile> file,
                               std::unique_ptr<InboxRepository> inbox, std::string media_directory)
    : file_(std::move(file)),
      inbox_(std::move(inbox)),
      media_(*file_, std::move(media_directory)) {}

}  // namespace store::sqlite
