// The PostgreSQL backend: a database several instances share, one pool of connections per
// instance, and one adapter per port on it (most shared with SQLite: store/sql/).
//
// Thread-safety: as store::Database.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"
#include "store/postgres/announcements.h"
#include "store/postgres/callback_queue.h"
#include "store/postgres/media_blobs.h"
#include "store/postgres/pool.h"
#include "store/sql/channel_accounts.h"
#include "store/sql/crm.h"
#include "store/sql/media.h"
#include "store/sql/outbox.h"
#include "store/sql/store.h"
#include "store/sql/token_usage.h"
#include "store/sql/users.h"
#include "store/sql/webhooks.h"

namespace store::postgres {

class PostgresDatabase final : public store::Database {
 public:
  // Connects to `conninfo` and applies the migrations the database lacks (under a lock: several
  // instances may start at once). Serving, it takes back the callbacks and timers this instance
  // (by its name) claimed before it stopped. kUnavailable with libpq's reason when the server
  // cannot be reached; kFailedPrecondition when a newer frontdesk wrote its schema.
  static base::Result<std::unique_ptr<PostgresDatabase>> Open(const std::string& conninfo,
                                                              const DatabaseOptions& options);

  core::Store& store() override { return store_; }
  core::Crm& crm() override { return crm_; }
  core::Outbox& outbox() override { return outbox_; }
  core::CallbackQueue& callbacks() override { return callbacks_; }
  core::MediaStore& media() override { return media_; }
  core::Users& users() override { return users_; }
  core::ChannelAccounts& channel_accounts() override { return channel_accounts_; }
  core::Webhooks& webhooks() override { return webhooks_; }
  core::TokenUsage& token_usage() override { return token_usage_; }
  core::Announcements& announcements() override { return announcements_; }

 private:
  explicit PostgresDatabase(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}

  std::unique_ptr<Pool> pool_;
  sql::Store<Pool> store_{*pool_};
  sql::Crm<Pool> crm_{*pool_};
  sql::Outbox<Pool> outbox_{*pool_};
  CallbackQueue callbacks_{*pool_};
  MediaBlobs media_blobs_{*pool_};
  sql::MediaStore<Pool> media_{*pool_, media_blobs_};
  sql::Users<Pool> users_{*pool_};
  sql::ChannelAccounts<Pool> channel_accounts_{*pool_};
  sql::Webhooks<Pool> webhooks_{*pool_};
  sql::TokenUsage<Pool> token_usage_{*pool_};
  Announcements announcements_{*pool_};  // last: its listener stops first
};

}  // namespace store::postgres
