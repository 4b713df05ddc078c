// The embedded database on a fresh file in a temporary directory, removed after each test, and
// its ports.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/store.h"
#include "store/database.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"

namespace store {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NewDirectory();
    Reopen();
    base::Result<core::Workspace> ws = store_->CreateWorkspace("acme");
    ASSERT_TRUE(ws.ok()) << ws.error().message;
    ws_ = ws->id;
  }

  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A fresh temporary directory for the database file (path_), not opened yet.
  void NewDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "frontdesk-store-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (dir_ / "frontdesk.db").string();
  }

  // A fresh database with the schema as the migrations before `version` left it (a release
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

  // Closes the database and opens it again, as a restart does.
  void Reopen() {
    db_.reset();
    base::Result<std::unique_ptr<Database>> opened = OpenDatabase("sqlite:" + path_, {});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(*opened);
    store_ = &db_->store();
    crm_ = &db_->crm();
    outbox_ = &db_->outbox();
    users_ = &db_->users();
    accounts_ = &db_->channel_accounts();
    webhooks_ = &db_->webhooks();
    media_ = &db_->media();
  }

  // Runs `sql` on the database file through a separate connection (to inspect or corrupt it).
  void ExecuteRaw(const std::string& sql) {
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

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Database> db_;
  // The ports of db_.
  core::Store* store_ = nullptr;
  core::Crm* crm_ = nullptr;
  core::Outbox* outbox_ = nullptr;
  core::Users* users_ = nullptr;
  core::ChannelAccounts* accounts_ = nullptr;
  core::Webhooks* webhooks_ = nullptr;
  core::MediaStore* media_ = nullptr;  // files in dir_ / "media"
  std::int64_t ws_ = 0;
};

}  // namespace store
