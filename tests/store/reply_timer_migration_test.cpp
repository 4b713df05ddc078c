// Migration 11 on a database written before it: a conversation's pending debounce timer becomes
// its reply timer, so a burst that was waiting for its window when the server stopped is answered
// by the reply pool after the upgrade; the other timers stay as they were.
#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace store {
namespace {

constexpr std::int64_t kReplyTimerMigration = 11;

class ReplyTimerMigrationTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    MigrateBefore(kReplyTimerMigration);
    ExecuteRaw(R"sql(
      INSERT INTO workspaces VALUES (1, 'acme');
      INSERT INTO contacts (id, workspace_id, channel, external_id, display_name, name_set_by_user)
        VALUES (1, 1, 'web', 'ana', 'Ana', 0), (2, 1, 'web', 'bea', 'Bea', 0);
      INSERT INTO conversations (id, workspace_id, contact_id, channel, folder, mode, epoch,
        greeted, unanswered_streak, version, account_id, last_activity_ms, last_message_id)
        VALUES (1, 1, 1, 'web', 'open', 'ai', 0, 0, 0, 0, '', 1000, 0),
               (2, 1, 2, 'web', 'open', 'manual', 1, 1, 0, 0, '', 1000, 0);
      INSERT INTO timers VALUES (1, 1, 'debounce', 3000), (1, 2, 'resume', 901000);
    )sql");
    Reopen();
  }
};

TEST_F(ReplyTimerMigrationTest, APendingDebounceTimerBecomesTheReplyTimer) {
  const auto owed = store_->DueTimers(core::TimerKind::kReply, base::FromMillis(3000), 10);
  ASSERT_TRUE(owed.ok()) << owed.error().message;
  ASSERT_EQ(owed->size(), 1u);
  EXPECT_EQ((*owed)[0].conversation_id, 1);
  EXPECT_EQ((*owed)[0].due_at, base::FromMillis(3000));
  const auto paused = store_->DueTimers(core::TimerKind::kResume, base::FromMillis(901000), 10);
  ASSERT_TRUE(paused.ok());
  ASSERT_EQ(paused->size(), 1u);
  EXPECT_EQ((*paused)[0].conversation_id, 2);
}

}  // namespace
}  // namespace store
