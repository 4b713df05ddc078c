// Migration 8 on a database written before it: the inbox columns are backfilled from the
// history and the search index holds the messages and names already stored.
#include <gtest/gtest.h>

#include "store/crm_fixture.h"
#include "store/sqlite/migrations.h"

namespace store {
namespace {

constexpr std::int64_t kCrmMigration = 8;

class CrmMigrationTest : public SqliteCrmStoreTest {
 protected:
  void SetUp() override {
    // The schema as the release before the CRM left it, with a conversation in it.
    MigrateBefore(kCrmMigration);
    ExecuteRaw(R"sql(
      INSERT INTO workspaces VALUES (1, 'acme');
      INSERT INTO contacts VALUES (1, 1, 'whatsapp', '+34600', 'Lucía Fernández');
      INSERT INTO contacts VALUES (2, 1, 'web', 'visitor', 'visitor');
      INSERT INTO conversations (id, workspace_id, contact_id, channel, folder, mode, epoch,
        greeted, unanswered_streak, version, account_id)
        VALUES (1, 1, 1, 'whatsapp', 'open', 'ai', 0, 1, 0, 4, 'phone-1'),
               (2, 1, 2, 'web', 'open', 'ai', 0, 0, 0, 0, '');
      INSERT INTO messages (id, workspace_id, conversation_id, author, text, at_ms, epoch,
        delivery, delivery_error) VALUES
        (1, 1, 1, 'customer', 'do you have umbrellas', 1000, 0, 'none', ''),
        (2, 1, 1, 'human_crm', 'we do', 2000, 0, 'sent', ''),
        (3, 1, 1, 'customer', 'great', 3000, 0, 'none', ''),
        (4, 1, 1, 'customer', 'late echo of something', 2500, 0, 'none', '');
    )sql");
    Reopen();
    ws_ = 1;
  }
};

TEST_F(CrmMigrationTest, TheInboxColumnsAreBackfilledFromTheHistory) {
  const core::ConversationSummary s = crm().LoadSummary(ws_, 1).value();
  EXPECT_EQ(s.last_message->id, 4);
  EXPECT_EQ(s.last_activity, base::FromMillis(3000));
  EXPECT_EQ(s.unread, 2);  // the customer messages after the CRM reply
  EXPECT_EQ(s.priority, core::Priority::kNormal);
  EXPECT_TRUE(s.labels.empty());
  const core::ConversationSummary empty = crm().LoadSummary(ws_, 2).value();
  EXPECT_EQ(empty.last_activity, std::nullopt);
  EXPECT_EQ(empty.unread, 0);
  const auto listed = crm().ListConversations(ws_, {}, std::nullopt, 10).value();
  ASSERT_EQ(listed.conversations.size(), 1u);
  EXPECT_EQ(listed.conversations[0].id, 1);
}

TEST_F(CrmMigrationTest, TheSearchIndexHoldsWhatWasStoredBefore) {
  for (const char* q : {"umbrella", "lucia", "ECHO"}) {
    const auto page = crm().ListConversations(ws_, {.search = q}, std::nullopt, 10).value();
    ASSERT_EQ(page.conversations.size(), 1u) << q;
    EXPECT_EQ(page.conversations[0].id, 1) << q;
  }
}

}  // namespace
}  // namespace store
