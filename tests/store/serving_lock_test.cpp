// One `frontdesk serve` per SQLite database: a second server fails at once, saying why, while the
// other commands still open the database; the lock goes with the server.
#include <gtest/gtest.h>

#include "store/database.h"
#include "testing/temp_dir.h"

namespace store {
namespace {

TEST(ServingLockTest, ASecondServerOfOneSqliteFileIsRefusedSayingWhy) {
  const testing_support::TempDir dir;
  const std::string url = "sqlite:" + (dir / "fd.db").string();
  auto first = OpenDatabase(url, {.serving = true});
  ASSERT_TRUE(first.ok()) << first.error().message;

  auto second = OpenDatabase(url, {.serving = true});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, base::ErrorCode::kFailedPrecondition);
  EXPECT_NE(second.error().message.find("another frontdesk serve is already running"),
            std::string::npos);
  EXPECT_NE(second.error().message.find("PostgreSQL"), std::string::npos);

  // `init`, `chat`, `user add` open it beside the server.
  auto command = OpenDatabase(url, {});
  ASSERT_TRUE(command.ok()) << command.error().message;

  first->reset();
  auto after = OpenDatabase(url, {.serving = true});
  EXPECT_TRUE(after.ok()) << after.error().message;
}

}  // namespace
}  // namespace store
