#include <gtest/gtest.h>

#include <chrono>

#include "store/store_fixture.h"
#include "testing/shop_store.h"

namespace store {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kT0 = base::FromMillis(1'700'000'000'000);
constexpr std::size_t kBatch = 10;

class WebhookStoreTest : public StoreTest {
 protected:
  core::Webhooks& webhooks() { return *webhooks_; }

  core::Decision CommitHandoff(std::int64_t ws, const std::string& visitor) {
    return testing_support::CommitHandoff(store(), ws, visitor, "a person, please",
                                          core::HandoffReason::kCustomerRequest, kT0);
  }
};

TEST_P(WebhookStoreTest, ACommitQueuesADeliveryPerWebhookForEachMessageAndNotification) {
  auto first = webhooks().CreateWebhook(ws_, "https://a.example/hook", "secret one", kT0);
  auto second = webhooks().CreateWebhook(ws_, "https://b.example/hook", "secret two", kT0);
  ASSERT_TRUE(first.ok() && second.ok());
  const core::Decision d = CommitHandoff(ws_, "visitor-1");

  auto due = webhooks().ClaimWebhookDeliveries(kT0, kBatch, kT0 + 1min);
  ASSERT_TRUE(due.ok()) << due.error().message;
  ASSERT_EQ(due->size(), 4u);  // (message + notification) x two webhooks
  int messages = 0;
  int handoffs = 0;
  for (const core::WebhookDelivery& delivery : *due) {
    EXPECT_EQ(delivery.workspace_id, ws_);
    EXPECT_EQ(delivery.conversation_id, d.conversation.id);
    EXPECT_EQ(delivery.attempts, 0);
    if (delivery.event == core::WebhookEvent::kMessageCreated) {
      ++messages;
      ASSERT_TRUE(delivery.message.has_value());
      EXPECT_EQ(delivery.message->text, "a person, please");
      EXPECT_EQ(delivery.message->id, d.messages[0].id);
    } else {
      ++handoffs;
      EXPECT_EQ(delivery.event, core::WebhookEvent::kHandoff);
      ASSERT_TRUE(delivery.notification.has_value());
      EXPECT_EQ(delivery.notification->id, d.notifications[0].id);
    }
    EXPECT_TRUE(delivery.webhook_id == first->id || delivery.webhook_id == second->id);
    EXPECT_EQ(delivery.secret, delivery.webhook_id == first->id ? "secret one" : "secret two");
  }
  EXPECT_EQ(messages, 2);
  EXPECT_EQ(handoffs, 2);
}

TEST_P(WebhookStoreTest, AWorkspaceWithoutWebhooksQueuesNothing) {
  auto other = store_->CreateWorkspace("other");
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(webhooks().CreateWebhook(other->id, "https://o.example/", "secret", kT0).ok());
  CommitHandoff(ws_, "visitor-1");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM webhook_deliveries"), 0);
}

TEST_P(WebhookStoreTest, AClaimedDeliveryIsLeasedThenRetriedOrGivenUpOrFinished) {
  ASSERT_TRUE(webhooks().CreateWebhook(ws_, "https://a.example/hook", "secret", kT0).ok());
  CommitHandoff(ws_, "visitor-1");
  auto due = webhooks().ClaimWebhookDeliveries(kT0, kBatch, kT0 + 1min);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 2u);
  // Leased: not claimed again until the lease ends (a stopped process's claim comes back).
  EXPECT_TRUE(webhooks().ClaimWebhookDeliveries(kT0 + 59s, kBatch, kT0 + 2min)->empty());
  auto again = webhooks().ClaimWebhookDeliveries(kT0 + 1min, kBatch, kT0 + 2min);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 2u);

  const std::int64_t retried = (*again)[0].id;
  const std::int64_t given_up = (*again)[1].id;
  ASSERT_TRUE(webhooks().FailWebhookDelivery(retried, kT0 + 5min, "HTTP 500").ok());
  ASSERT_TRUE(webhooks().FailWebhookDelivery(given_up, std::nullopt, "HTTP 410").ok());
  auto later = webhooks().ClaimWebhookDeliveries(kT0 + 1h, kBatch, kT0 + 2h);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].id, retried);
  EXPECT_EQ((*later)[0].attempts, 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM webhook_deliveries WHERE last_error = 'HTTP 410'"
                     " AND next_attempt_ms IS NULL"),
            1);

  ASSERT_TRUE(webhooks().FinishWebhookDelivery(retried).ok());
  EXPECT_EQ(webhooks().FinishWebhookDelivery(retried).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(webhooks().ClaimWebhookDeliveries(kT0 + 10h, kBatch, kT0 + 11h)->empty());
}

TEST_P(WebhookStoreTest, WebhooksBelongToTheirWorkspace) {
  auto other = store_->CreateWorkspace("other");
  ASSERT_TRUE(other.ok());
  auto mine = webhooks().CreateWebhook(ws_, "https://a.example/hook", "secret", kT0);
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(webhooks().ListWebhooks(other->id)->empty());
  EXPECT_EQ(webhooks().DeleteWebhook(other->id, mine->id).error().code, base::ErrorCode::kNotFound);
  auto listed = webhooks().ListWebhooks(ws_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].url, "https://a.example/hook");
  EXPECT_EQ(webhooks().CreateWebhook(9999, "https://a.example/", "secret", kT0).error().code,
            base::ErrorCode::kNotFound);
}

TEST_P(WebhookStoreTest, DeletingAWebhookDropsWhatItWasOwed) {
  auto hook = webhooks().CreateWebhook(ws_, "https://a.example/hook", "secret", kT0);
  ASSERT_TRUE(hook.ok());
  CommitHandoff(ws_, "visitor-1");
  ASSERT_EQ(QueryInt("SELECT COUNT(*) FROM webhook_deliveries"), 2);  // owed before the delete
  ASSERT_TRUE(webhooks().DeleteWebhook(ws_, hook->id).ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM webhook_deliveries"), 0);
  EXPECT_TRUE(webhooks().ClaimWebhookDeliveries(kT0, kBatch, kT0 + 1min)->empty());
}

TEST_P(WebhookStoreTest, AWorkspaceHasAtMostTenWebhooks) {
  for (std::size_t i = 0; i < core::kMaxWebhooksPerWorkspace; ++i) {
    ASSERT_TRUE(
        webhooks().CreateWebhook(ws_, "https://a.example/" + std::to_string(i), "s", kT0).ok());
  }
  auto refused = webhooks().CreateWebhook(ws_, "https://a.example/x", "s", kT0);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kResourceExhausted);
}

FRONTDESK_ON_BOTH_BACKENDS(WebhookStoreTest);

}  // namespace
}  // namespace store
