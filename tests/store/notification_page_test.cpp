// The notification bell: pages newest first, the unread count, marking read, and workspace
// isolation (core::Crm::PageNotifications, MarkNotificationRead, MarkAllNotificationsRead).
#include <gtest/gtest.h>

#include "store/crm_fixture.h"

namespace store {
namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;

class NotificationPageTest : public CrmStoreTest {
 protected:
  // Commits a handoff notification on a conversation of `ws`; returns its id.
  std::int64_t Notify(std::int64_t ws, const std::string& customer) {
    core::Decision d;
    d.conversation =
        store_->OpenConversation({ws, core::Channel::kWeb, customer, ""}, 0).value().conversation;
    core::Notification n;
    n.customer_name = customer;
    n.last_messages = {"customer: help"};
    n.at = base::FromMillis(kT0);
    d.notifications = {n};
    return store_->Commit(ws, d).value().notifications.at(0).id;
  }
};

TEST_P(NotificationPageTest, PagesAreNewestFirstAndExactWithTheUnreadCount) {
  std::vector<std::int64_t> all;
  for (int i = 0; i < 7; ++i) all.insert(all.begin(), Notify(ws_, "c" + std::to_string(i)));
  std::vector<std::int64_t> seen;
  std::optional<std::int64_t> before;
  do {
    auto page = crm().PageNotifications(ws_, before, 3);
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->unread, 7);
    for (const core::Notification& n : page->notifications) {
      seen.push_back(n.id);
      EXPECT_FALSE(n.read);
      EXPECT_EQ(n.workspace_id, ws_);
    }
    before = page->next_before;
  } while (before);
  EXPECT_EQ(seen, all);
  const auto first = crm().PageNotifications(ws_, std::nullopt, 1).value().notifications.at(0);
  EXPECT_EQ(first.customer_name, "c6");
  EXPECT_EQ(first.last_messages, std::vector<std::string>{"customer: help"});
}

TEST_P(NotificationPageTest, MarkingReadCountsDownAndReadAllClearsOnlyThisWorkspace) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const auto a = Notify(ws_, "a");
  Notify(ws_, "b");
  const auto theirs = Notify(other, "them");
  ASSERT_TRUE(crm().MarkNotificationRead(ws_, a).ok());
  ASSERT_TRUE(crm().MarkNotificationRead(ws_, a).ok());  // again: still fine
  const auto page = crm().PageNotifications(ws_, std::nullopt, 10).value();
  EXPECT_EQ(page.unread, 1);
  EXPECT_TRUE(page.notifications.at(1).read);
  EXPECT_EQ(crm().MarkNotificationRead(ws_, theirs).error().code, base::ErrorCode::kNotFound);
  ASSERT_TRUE(crm().MarkAllNotificationsRead(ws_).ok());
  EXPECT_EQ(crm().PageNotifications(ws_, std::nullopt, 10).value().unread, 0);
  const auto their_page = crm().PageNotifications(other, std::nullopt, 10).value();
  EXPECT_EQ(their_page.unread, 1);
  ASSERT_EQ(their_page.notifications.size(), 1u);
  EXPECT_FALSE(their_page.notifications[0].read);
  EXPECT_TRUE(crm().PageNotifications(ws_, theirs + 1, 10).value().notifications.size() == 2);
}

FRONTDESK_ON_BOTH_BACKENDS(NotificationPageTest);

}  // namespace
}  // namespace store
