// The database of every workspace, whichever backend holds it: the ports the rest of the program
// works on, opened from a URL (database_url.h) by one factory. Nothing but this factory and the
// backends' own directories names a backend.
//
// Usage:
//   auto db = store::OpenDatabase("sqlite:frontdesk.db", {});
//   if (!db.ok()) ...;  // the reason, naming the database (never its password)
//   runtime::Engine engine((*db)->store(), ...);
//
// Thread-safety: the accessors may be called from any thread; each port is as its contract says.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "core/announcements.h"
#include "core/callback_queue.h"
#include "core/channel_account.h"
#include "core/crm.h"
#include "core/media.h"
#include "core/outbox.h"
#include "core/store.h"
#include "core/token_usage.h"
#include "core/user.h"
#include "core/webhook.h"
#include "store/database_url.h"

namespace store {

class Database {
 public:
  virtual ~Database() = default;

  virtual core::Store& store() = 0;
  virtual core::Crm& crm() = 0;
  virtual core::Outbox& outbox() = 0;
  virtual core::CallbackQueue& callbacks() = 0;
  virtual core::MediaStore& media() = 0;
  virtual core::Users& users() = 0;
  virtual core::ChannelAccounts& channel_accounts() = 0;
  virtual core::Webhooks& webhooks() = 0;
  virtual core::TokenUsage& token_usage() = 0;
  // How the instances serving this database tell each other what changed.
  virtual core::Announcements& announcements() = 0;
};

struct DatabaseOptions {
  // Where media files are kept; empty: "media" beside a SQLite database file.
  std::string media_directory;
  // For `frontdesk serve`: a SQLite database is served by one instance at a time, so opening it
  // fails (kFailedPrecondition, saying why) while another holds it. PostgreSQL takes several.
  bool serving = false;
  // This instance's name in the work it claims on a database several instances share
  // (PostgreSQL): callbacks, timers, outbox items. Serving under the name it had before a restart,
  // it takes back at once what it held when it stopped (core::Outbox::RecoverOutbox says how);
  // under another name, that work returns when its leases end. Empty: a name of its own.
  std::string instance;
  // PostgreSQL: the connections this instance keeps; its threads wait for a free one beyond.
  std::size_t connections = 16;
};

// Applies the migrations the database at `url` lacks (creating a SQLite file when missing) and
// returns its schema version. Several instances may run it at once: each migration is applied
// once. Errors as OpenDatabase.
base::Result<std::int64_t> MigrateDatabase(std::string_view url);

// Opens the database at `url` and applies the migrations it lacks. kInvalidArgument for a URL
// of no known form; kUnavailable naming the database when it cannot be reached or opened;
// kFailedPrecondition when a newer frontdesk wrote its schema.
base::Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                     const DatabaseOptions& options);

}  // namespace store
