// The store's contract suite runs against both backends: a test of BackendTest runs once on a
// fresh SQLite file and once on a fresh PostgreSQL database of the run's throwaway cluster
// (tests/testing/postgres.h), with the workspace "acme" (ws_) in it.
//
// The PostgreSQL backend is being built port by port (issue 11): its ports here are those it has,
// and NewWorkspace writes the row itself until it has a core::Store.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "core/channel_account.h"
#include "core/user.h"
#include "store/database.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"
#include "store/sql/channel_accounts.h"
#include "store/sql/statements.h"
#include "store/sql/token_usage.h"
#include "store/sql/users.h"
#include "testing/postgres.h"
#include "testing/temp_dir.h"

namespace store {

enum class TestBackend { kSqlite, kPostgres };

inline std::string BackendName(const ::testing::TestParamInfo<TestBackend>& info) {
  return info.param == TestBackend::kSqlite ? "Sqlite" : "Postgres";
}

class BackendTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    if (GetParam() == TestBackend::kSqlite) {
      auto opened = OpenDatabase("sqlite:" + (dir_ / "fd.db").string(), {});
      ASSERT_TRUE(opened.ok()) << opened.error().message;
      sqlite_ = std::move(*opened);
      users_ = &sqlite_->users();
      accounts_ = &sqlite_->channel_accounts();
      tokens_ = &sqlite_->token_usage();
    } else {
      postgres_.emplace();
      auto pool = postgres::Pool::Open(postgres_->url(), 4);
      ASSERT_TRUE(pool.ok()) << pool.error().message;
      pool_ = std::move(*pool);
      pg_users_ = std::make_unique<sql::Users<postgres::Pool>>(*pool_);
      pg_accounts_ = std::make_unique<sql::ChannelAccounts<postgres::Pool>>(*pool_);
      pg_tokens_ = std::make_unique<sql::TokenUsage<postgres::Pool>>(*pool_);
      users_ = pg_users_.get();
      accounts_ = pg_accounts_.get();
      tokens_ = pg_tokens_.get();
    }
    ws_ = NewWorkspace("acme");
  }

  // A new workspace's id.
  std::int64_t NewWorkspace(const std::string& slug) {
    if (sqlite_ != nullptr) return sqlite_->store().CreateWorkspace(slug).value().id;
    static constexpr std::string_view kInsert =
        "INSERT INTO workspaces (slug) VALUES ($1) RETURNING id";
    return pool_
        ->Writing([&](postgres::Connection& db) -> base::Result<std::int64_t> {
          auto q = db.Prepare(kInsert);
          if (!q.ok()) return q.error();
          base::Result<bool> row = q->BindAll(slug).Step();
          if (!row.ok()) return row.error();
          return q->Int64(0);
        })
        .value();
  }

  testing_support::TempDir dir_;
  std::unique_ptr<Database> sqlite_;
  std::optional<testing_support::PostgresDatabase> postgres_;
  std::unique_ptr<postgres::Pool> pool_;
  std::unique_ptr<core::Users> pg_users_;
  std::unique_ptr<core::ChannelAccounts> pg_accounts_;
  std::unique_ptr<core::TokenUsage> pg_tokens_;
  core::Users* users_ = nullptr;
  core::ChannelAccounts* accounts_ = nullptr;
  core::TokenUsage* tokens_ = nullptr;
  std::int64_t ws_ = 0;
};

// Runs the test suite `suite` (a BackendTest) on both backends.
#define FRONTDESK_ON_BOTH_BACKENDS(suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                 \
                           ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres), \
                           BackendName)

}  // namespace store
