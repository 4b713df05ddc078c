#include "store/sqlite/migrations.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/store_fixture.h"

namespace store {
namespace {

using MigrationsTest = SqliteStoreTest;

TEST_F(MigrationsTest, EveryMigrationIsRecordedOnce) {
  const auto migrations = sqlite::Migrations();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<std::int64_t>(migrations.size()));
  EXPECT_EQ(QueryInt("SELECT MAX(version) FROM schema_migrations"), migrations.back().version);
}

TEST_F(MigrationsTest, ReopeningAppliesNothingTwiceAndKeepsData) {
  Reopen();
  Reopen();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<std::int64_t>(sqlite::Migrations().size()));
  base::Result<core::Workspace> ws = store_->FindWorkspace("acme");
  ASSERT_TRUE(ws.ok());
  EXPECT_EQ(ws->id, ws_);
}

TEST_F(MigrationsTest, VersionsAreConsecutiveFromOne) {
  std::int64_t expected = 1;
  for (const sqlite::Migration& m : sqlite::Migrations()) EXPECT_EQ(m.version, expected++);
}

TEST_F(MigrationsTest, SchemaFromANewerBuildIsRefused) {
  db_.reset();
  ExecuteRaw("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
  base::Result<std::unique_ptr<Database>> opened = OpenDatabase("sqlite:" + path_, {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, base::ErrorCode::kFailedPrecondition);
  EXPECT_NE(opened.error().message.find(path_), std::string::npos);
}

TEST_F(MigrationsTest, OpenSetsWalJournal) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(MigrationsTest, UnopenablePathIsUnavailableAndNamed) {
  const std::string path = (dir_ / "missing-dir" / "x.db").string();
  base::Result<std::unique_ptr<Database>> opened = OpenDatabase("sqlite:" + path, {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, base::ErrorCode::kUnavailable);
  EXPECT_NE(opened.error().message.find(path), std::string::npos);
}

TEST_F(MigrationsTest, FileThatIsNotADatabaseIsUnavailable) {
  const std::string path = (dir_ / "notes.txt").string();
  std::ofstream(path) << std::string(4096, 'x');
  base::Result<std::unique_ptr<Database>> opened = OpenDatabase("sqlite:" + path, {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, base::ErrorCode::kUnavailable);
  EXPECT_NE(opened.error().message.find(path), std::string::npos);
}

}  // namespace
}  // namespace store
