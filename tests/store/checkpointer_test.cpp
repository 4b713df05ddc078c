// The background checkpointer copies a write-ahead log that nobody else checkpoints back into the
// database file.
#include "store/sqlite/checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "testing/temp_dir.h"

namespace store::sqlite {
namespace {

TEST(CheckpointerTest, CopiesTheLogIntoTheDatabaseFileWhileAWriterKeepsItOpen) {
  testing_support::TempDir dir;
  const std::string path = (dir / "fd.db").string();
  // A writer like the store's: WAL, automatic checkpoints off, kept open (closing the last
  // connection would checkpoint by itself).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                         " CREATE TABLE t (x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
                         " SELECT i + 1 FROM n WHERE i < 200) INSERT INTO t SELECT randomblob(2000)"
                         " FROM n;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  const auto before = std::filesystem::file_size(path);
  ASSERT_GT(std::filesystem::file_size(path + "-wal"), 200u * 2000u);  // the rows are in the log

  auto checkpointer = Checkpointer::Start(path, std::chrono::milliseconds{5});
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.error().message;
  // Waits for the background thread, a condition polled with a deadline.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (std::filesystem::file_size(path) < before + 200u * 2000u &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  }
  EXPECT_GE(std::filesystem::file_size(path), before + 200u * 2000u);
  checkpointer->reset();
  sqlite3_close(db);
}

}  // namespace
}  // namespace store::sqlite
