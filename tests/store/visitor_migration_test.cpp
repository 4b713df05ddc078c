// Migration 10 on a database written before it: a web chat visitor's cookie, their only
// credential, was their contact's id and, until someone renamed them, their name (copied into
// notifications and lead edits). After it, a visitor is known by the cookie's SHA-256 and named by
// its start; names people chose stay, and no stored row holds the cookie.
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "store/crm_fixture.h"

namespace store {
namespace {

constexpr std::int64_t kVisitorMigration = 10;
constexpr const char* kCookie = "3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3";
constexpr const char* kRenamedCookie = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";
constexpr const char* kNamedAsCookie = "5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";

class VisitorMigrationTest : public SqliteCrmStoreTest {
 protected:
  void SetUp() override {
    MigrateBefore(kVisitorMigration);
    // 1: a visitor named by their cookie; 2: renamed by a user; 3: not a web contact; 4: a user
    // chose the cookie as the name; 5: a web id that is no cookie (the terminal chat's).
    ExecuteRaw(std::string(R"sql(
      INSERT INTO workspaces VALUES (1, 'acme');
      INSERT INTO contacts (id, workspace_id, channel, external_id, display_name, name_set_by_user)
        VALUES (1, 1, 'web', ':c', ':c', 0), (2, 1, 'web', ':r', 'Ana Lima', 1),
               (3, 1, 'whatsapp', '+34600111222', '+34600111222', 0), (4, 1, 'web', ':n', ':n', 1),
               (5, 1, 'web', 'customer', 'customer', 0);
      INSERT INTO conversations (id, workspace_id, contact_id, channel, folder, mode, epoch,
        greeted, unanswered_streak, version, account_id, last_activity_ms, last_message_id)
        VALUES (1, 1, 1, 'web', 'open', 'ai', 0, 0, 0, 0, '', 1000, 1);
      INSERT INTO messages (id, workspace_id, conversation_id, author, text, at_ms, epoch,
        delivery, delivery_error) VALUES (1, 1, 1, 'customer', 'hi', 1000, 0, 'none', '');
      INSERT INTO notifications (id, workspace_id, conversation_id, contact_id, kind, reason,
        customer_name, last_messages_json, answers_json, at_ms, read)
        VALUES (1, 1, 1, 1, 'handoff', 'customer_request', ':c', '[]', '[]', 1000, 0);
      INSERT INTO lead_edits (id, workspace_id, contact_id, field, before_json, after_json,
        user_email, at_ms) VALUES (1, 1, 2, 'name', '":r"', '"Ana Lima"', 'o@x.example', 1000);
    )sql"));
    Reopen();
    ws_ = 1;
  }

  // `sql` with ":c", ":r" and ":n" replaced by the cookies (ExecuteRaw binds nothing).
  static std::string Cookies(std::string sql) {
    for (const auto& [mark, cookie] : {std::pair{":c", kCookie}, std::pair{":r", kRenamedCookie},
                                       std::pair{":n", kNamedAsCookie}}) {
      for (std::size_t at; (at = sql.find(mark)) != std::string::npos;) sql.replace(at, 2, cookie);
    }
    return sql;
  }
  void ExecuteRaw(std::string sql) { StoreFixture::ExecuteRaw(Cookies(std::move(sql))); }

  core::Contact ContactOf(std::int64_t id) { return crm().LoadLead(ws_, id).value().contact; }
  static std::string NameOf(const char* cookie) {
    return "Web visitor " + base::Sha256Hex(cookie).substr(0, 4);
  }
};

TEST_F(VisitorMigrationTest, VisitorsNamedByTheirCookieAreNamedByItsHashOthersKeepTheirNames) {
  EXPECT_EQ(ContactOf(1).display_name, NameOf(kCookie));
  EXPECT_EQ(ContactOf(2).display_name, "Ana Lima");
  EXPECT_EQ(ContactOf(3).display_name, "+34600111222");
  EXPECT_EQ(ContactOf(4).display_name, kNamedAsCookie);  // a user's choice, however odd
  EXPECT_EQ(ContactOf(5).display_name, "customer");
}

TEST_F(VisitorMigrationTest, VisitorsAreKnownByTheHashOfTheirCookieOnly) {
  EXPECT_EQ(ContactOf(1).external_id, base::Sha256Hex(kCookie));
  EXPECT_EQ(ContactOf(2).external_id, base::Sha256Hex(kRenamedCookie));
  EXPECT_EQ(ContactOf(3).external_id, "+34600111222");
  EXPECT_EQ(ContactOf(5).external_id, "customer");
  // The visitor's next message (the web chat hashes the cookie too) finds the same conversation.
  auto snapshot =
      store_->OpenConversation({ws_, core::Channel::kWeb, base::Sha256Hex(kCookie), ""}, 10);
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  EXPECT_EQ(snapshot->conversation.id, 1);
  EXPECT_EQ(snapshot->history.size(), 1u);
}

TEST_F(VisitorMigrationTest, NotificationsAndLeadEditsNoLongerHoldTheCookie) {
  auto page = crm().PageNotifications(ws_, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->notifications.size(), 1u);
  EXPECT_EQ(page->notifications[0].customer_name, NameOf(kCookie));
  auto edits = crm().ListLeadEdits(ws_, 2);
  ASSERT_TRUE(edits.ok()) << edits.error().message;
  ASSERT_EQ(edits->size(), 1u);
  EXPECT_EQ((*edits)[0].before, core::LeadValue(NameOf(kRenamedCookie)));
  EXPECT_EQ((*edits)[0].after, core::LeadValue(std::string("Ana Lima")));
}

TEST_F(VisitorMigrationTest, SearchFindsTheNewNameNotTheCookie) {
  const auto by_name = crm().ListConversations(ws_, {.search = "visitor"}, std::nullopt, 10);
  ASSERT_TRUE(by_name.ok()) << by_name.error().message;
  EXPECT_EQ(Ids(*by_name), std::vector<std::int64_t>{1});
  const auto by_cookie = crm().ListConversations(ws_, {.search = "3f2a9c0d"}, std::nullopt, 10);
  ASSERT_TRUE(by_cookie.ok());
  EXPECT_TRUE(by_cookie->conversations.empty());
}

}  // namespace
}  // namespace store
