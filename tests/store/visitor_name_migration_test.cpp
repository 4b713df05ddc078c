// Migrations 10 and 11 on a database written before them: web chat visitors named by their whole
// visitor id (their cookie) get a readable name that shows only its start, names people chose
// stay, and every web visitor is then known by the SHA-256 of the cookie instead of the cookie.
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "store/crm_fixture.h"
#include "store/sqlite/migrations.h"

namespace store {
namespace {

constexpr std::int64_t kVisitorNamesMigration = 10;

class VisitorNameMigrationTest : public CrmStoreTest {
 protected:
  void SetUp() override {
    NewDirectory();
    ExecuteRaw("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    for (const sqlite::Migration& m : sqlite::Migrations()) {
      if (m.version >= kVisitorNamesMigration) break;
      ExecuteRaw(m.sql);
      ExecuteRaw("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", 'x')");
    }
    ExecuteRaw(R"sql(
      INSERT INTO workspaces VALUES (1, 'acme');
      INSERT INTO contacts (id, workspace_id, channel, external_id, display_name, name_set_by_user)
        VALUES (1, 1, 'web', '3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3', '3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3', 0),
               (2, 1, 'web', '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e', 'Ana Lima', 1),
               (3, 1, 'whatsapp', '+34600111222', '+34600111222', 0);
      INSERT INTO conversations (id, workspace_id, contact_id, channel, folder, mode, epoch,
        greeted, unanswered_streak, version, account_id, last_activity_ms, last_message_id)
        VALUES (1, 1, 1, 'web', 'open', 'ai', 0, 0, 0, 0, '', 1000, 1);
      INSERT INTO messages (id, workspace_id, conversation_id, author, text, at_ms, epoch,
        delivery, delivery_error) VALUES (1, 1, 1, 'customer', 'hi', 1000, 0, 'none', '');
    )sql");
    Reopen();
    ws_ = 1;
  }

  std::string NameOf(std::int64_t contact_id) {
    return crm().LoadLead(ws_, contact_id).value().contact.display_name;
  }
};

TEST_F(VisitorNameMigrationTest, VisitorsNamedByTheirIdAreRenamedOthersKeepTheirNames) {
  EXPECT_EQ(NameOf(1), "Web visitor 3f2a");
  EXPECT_EQ(NameOf(2), "Ana Lima");
  EXPECT_EQ(NameOf(3), "+34600111222");
}

TEST_F(VisitorNameMigrationTest, WebVisitorsAreKnownByTheHashOfTheirCookieOnly) {
  EXPECT_EQ(crm().LoadLead(ws_, 1).value().contact.external_id,
            base::Sha256Hex("3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3"));
  EXPECT_EQ(crm().LoadLead(ws_, 2).value().contact.external_id,
            base::Sha256Hex("0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"));
  EXPECT_EQ(crm().LoadLead(ws_, 3).value().contact.external_id, "+34600111222");
  // The visitor's next message (the web chat hashes the cookie too) finds the same conversation.
  auto snapshot = store().OpenConversation(
      {ws_, core::Channel::kWeb, base::Sha256Hex("3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3"), ""}, 10);
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  EXPECT_EQ(snapshot->conversation.id, 1);
  EXPECT_EQ(snapshot->history.size(), 1u);
}

TEST_F(VisitorNameMigrationTest, SearchFindsTheNewNameNotTheCookie) {
  const auto by_name = crm().ListConversations(ws_, {.search = "visitor"}, std::nullopt, 10);
  ASSERT_TRUE(by_name.ok()) << by_name.error().message;
  EXPECT_EQ(Ids(*by_name), std::vector<std::int64_t>{1});
  const auto by_cookie = crm().ListConversations(ws_, {.search = "3f2a9c0d"}, std::nullopt, 10);
  ASSERT_TRUE(by_cookie.ok());
  EXPECT_TRUE(by_cookie->conversations.empty());
}

}  // namespace
}  // namespace store
