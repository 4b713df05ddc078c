// The embedded backend: one SQLite database file holding every workspace (DatabaseFile), the raw
// callbacks in a file of their own beside it (callback_queue.h), media files in a directory,
// and one adapter per port on them.
//
// Thread-safety: as store::Database.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "store/database.h"
#include "store/sql/channel_accounts.h"
#include "store/sql/crm.h"
#include "store/sql/media.h"
#include "store/sql/outbox.h"
#include "store/sql/store.h"
#include "store/sql/token_usage.h"
#include "store/sql/users.h"
#include "store/sql/webhooks.h"
#include "store/sqlite/callback_queue.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/media_files.h"
#include "store/sqlite/serving_lock.h"

namespace store::sqlite {

class SqliteDatabase final : public store::Database {
 public:
  // Opens (creating, migrating) the database file at `path` and its callback queue's file. Media
  // files go to `media_directory`, or "media" beside the file when it is empty. `serving`: holds
  // the file's instance lock (serving_lock.h) while open. Errors as DatabaseFile::Open, and
  // ServingLock's.
  static base::Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                            const std::string& media_directory,
                                                            bool serving);

  core::Store& store() override { return store_; }
  core::Crm& crm() override { return crm_; }
  core::Outbox& outbox() override { return outbox_; }
  core::CallbackQueue& callbacks() override { return *callbacks_; }
  core::MediaStore& media() override { return media_; }
  core::Users& users() override { return users_; }
  core::ChannelAccounts& channel_accounts() override { return channel_accounts_; }
  core::Webhooks& webhooks() override { return webhooks_; }
  core::TokenUsage& token_usage() override { return token_usage_; }
  core::Announcements& announcements() override { return announcements_; }
  // Where the media files' bytes are kept.
  MediaBytes& media_bytes() { return media_files_; }

 private:
  SqliteDatabase(std::optional<ServingLock> lock, std::unique_ptr<DatabaseFile> file,
                 std::unique_ptr<CallbackQueue> callbacks, std::string media_directory);

  std::optional<ServingLock> lock_;  // held while serving
  std::unique_ptr<DatabaseFile> file_;
  std::unique_ptr<CallbackQueue> callbacks_;
  sql::Store<DatabaseFile> store_{*file_};
  sql::Crm<DatabaseFile> crm_{*file_};
  sql::Outbox<DatabaseFile> outbox_{*file_};
  MediaFiles media_files_;
  sql::MediaStore<DatabaseFile> media_{*file_, media_files_};
  sql::Users<DatabaseFile> users_{*file_};
  sql::ChannelAccounts<DatabaseFile> channel_accounts_{*file_};
  sql::Webhooks<DatabaseFile> webhooks_{*file_};
  sql::TokenUsage<DatabaseFile> token_usage_{*file_};
  core::SingleInstance announcements_;  // one instance serves a file
};

}  // namespace store::sqlite
