// The store's contract suite runs on both backends: a test of StoreTest (TEST_P, then
// FRONTDESK_ON_BOTH_BACKENDS(Suite)) runs once on a fresh SQLite file in a temporary directory and
// once on a fresh PostgreSQL database of the run's throwaway cluster (tests/testing/postgres.h),
// with the workspace "acme" (ws_) in it. SqliteStoreTest is the embedded backend alone, for what
// only it has (its migrations from older releases, its search index's shapes).
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/store.h"
#include "store/database.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "testing/postgres.h"

namespace store {

enum class TestBackend { kSqlite, kPostgres };

inline std::string BackendName(const ::testing::TestParamInfo<TestBackend>& info) {
  return info.param == TestBackend::kSqlite ? "Sqlite" : "Postgres";
}

// Runs the TEST_P suite `suite` (a StoreTest) on both backends.
#define FRONTDESK_ON_BOTH_BACKENDS(suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                 \
                           ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres), \
                           BackendName)

// Runs the TEST_P suite `suite` (a StoreTest) on PostgreSQL only: what several instances sharing
// a database need.
#define FRONTDESK_ON_POSTGRES(suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values(TestBackend::kPostgres), BackendName)

// Runs `claim` (one claim: the ids it took, an error failing the test) on four threads at once,
// each until its claim takes nothing; returns every id taken, as often as it was taken.
template <typename Claim>
std::multiset<std::int64_t> ClaimConcurrently(Claim claim) {
  std::mutex mutex;
  std::multiset<std::int64_t> claimed;
  std::vector<std::thread> claimers;
  for (int t = 0; t < 4; ++t) {
    claimers.emplace_back([&] {
      while (true) {
        base::Result<std::vector<std::int64_t>> batch = claim();
        ASSERT_TRUE(batch.ok()) << batch.error().message;
        if (batch->empty()) return;
        std::lock_guard lock(mutex);
        claimed.insert(batch->begin(), batch->end());
      }
    });
  }
  for (auto& claimer : claimers) claimer.join();
  return claimed;
}

// A fresh database of either backend and its ports.
class StoreFixture {
 protected:
  // A fresh database of `backend`, opened, with the workspace "acme" (ws_).
  void OpenFresh(TestBackend backend) {
    backend_ = backend;
    NewDirectory();
    if (backend == TestBackend::kPostgres) postgres_.emplace();
    Reopen();
    base::Result<core::Workspace> ws = store_->CreateWorkspace("acme");
    ASSERT_TRUE(ws.ok()) << ws.error().message;
    ws_ = ws->id;
  }

  void Close() {
    db_.reset();
    postgres_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A fresh temporary directory for a database file (path_), not opened yet.
  void NewDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "frontdesk-store-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (dir_ / "frontdesk.db").string();
  }

  // The database's URL.
  std::string url() const {
    return backend_ == TestBackend::kPostgres ? postgres_->url() : "sqlite:" + path_;
  }

  // Closes the database and opens it again, as a restart does (`options` without a media
  // directory: the fixture's).
  void Reopen(DatabaseOptions options = {}) {
    db_.reset();
    if (options.media_directory.empty()) options.media_directory = (dir_ / "media").string();
    base::Result<std::unique_ptr<Database>> opened = OpenDatabase(url(), options);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(*opened);
    store_ = &db_->store();
    crm_ = &db_->crm();
    outbox_ = &db_->outbox();
    users_ = &db_->users();
    accounts_ = &db_->channel_accounts();
    webhooks_ = &db_->webhooks();
    media_ = &db_->media();
    callbacks_ = &db_->callbacks();
    tokens_ = &db_->token_usage();
  }

  // Runs `sql` on the database through a connection of its own (to inspect or corrupt it).
  void ExecuteRaw(const std::string& sql) {
    if (backend_ == TestBackend::kPostgres) {
      PGconn* db = PQconnectdb(postgres_->url().c_str());
      PGresult* r = PQexec(db, sql.c_str());
      const std::string message = PQresultErrorMessage(r);
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
      PQclear(r);
      PQfinish(db);
      ASSERT_TRUE(ok) << message;
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  // The integer the one-row, one-column query `sql` returns.
  std::int64_t QueryInt(const std::string& sql) {
    if (backend_ == TestBackend::kPostgres) {
      PGconn* db = PQconnectdb(postgres_->url().c_str());
      PGresult* r = PQexec(db, sql.c_str());
      EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << sql << ": " << PQresultErrorMessage(r);
      EXPECT_EQ(PQntuples(r), 1) << sql;
      const std::int64_t value = PQntuples(r) == 1 ? std::stoll(PQgetvalue(r, 0, 0)) : 0;
      PQclear(r);
      PQfinish(db);
      return value;
    }
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW) << sql;
    const std::int64_t value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }

  core::Store& store() { return *store_; }

  TestBackend backend_ = TestBackend::kSqlite;
  std::filesystem::path dir_;
  std::string path_;  // the SQLite file (media files beside it on either backend)
  std::optional<testing_support::PostgresDatabase> postgres_;
  std::unique_ptr<Database> db_;
  // The ports of db_.
  core::Store* store_ = nullptr;
  core::Crm* crm_ = nullptr;
  core::Outbox* outbox_ = nullptr;
  core::Users* users_ = nullptr;
  core::ChannelAccounts* accounts_ = nullptr;
  core::Webhooks* webhooks_ = nullptr;
  core::MediaStore* media_ = nullptr;
  core::CallbackQueue* callbacks_ = nullptr;
  core::TokenUsage* tokens_ = nullptr;
  std::int64_t ws_ = 0;
};

// The contract suite: each test on both backends.
class StoreTest : public ::testing::TestWithParam<TestBackend>, protected StoreFixture {
 protected:
  void SetUp() override { OpenFresh(GetParam()); }
  void TearDown() override { Close(); }
  // A new workspace's id.
  std::int64_t NewWorkspace(const std::string& slug) {
    return store_->CreateWorkspace(slug).value().id;
  }
};

// The embedded backend alone.
class SqliteStoreTest : public ::testing::Test, protected StoreFixture {
 protected:
  void SetUp() override { OpenFresh(TestBackend::kSqlite); }
  void TearDown() override { Close(); }

  // A fresh database file with the schema as the migrations before `version` left it (a release
  // before that migration), not opened by the store yet: Reopen() applies the rest.
  void MigrateBefore(std::int64_t version) {
    NewDirectory();
    // A connection of the store's kind: migrations may call its SQL functions (sha256_hex).
    auto db = sqlite::Connection::Open(path_);
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE((*db)
                    ->Execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                              " name TEXT NOT NULL)")
                    .ok());
    for (const sqlite::Migration& m : sqlite::Migrations()) {
      if (m.version >= version) break;
      const base::Status applied = (*db)->Execute(m.sql);
      ASSERT_TRUE(applied.ok()) << applied.error().message;
      ASSERT_TRUE((*db)
                      ->Execute("INSERT INTO schema_migrations VALUES (" +
                                std::to_string(m.version) + ", 'x')")
                      .ok());
    }
  }
};

}  // namespace store
