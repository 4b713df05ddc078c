#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "api/webhook_dispatcher.h"
#include "api/webhook_signature.h"
#include "testing/shop_store.h"
#include "testing/webhook_receiver.h"

namespace api {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const base::TimePoint kT0 = base::FromMillis(1'763'631'000'000);

TEST(WebhookSignatureTest, IsHmacSha256OfTheTimestampADotAndTheBody) {
  // Expected values computed independently (Python's hmac module).
  EXPECT_EQ(SignWebhook("whsec_test", 1763631000, R"({"id":1})"),
            "t=1763631000,v1=b0c6bc1f8e5bdd34d35b9d404ec6399a2bfdd4f0fcffdc2554d90de5e1654753");
  EXPECT_EQ(SignWebhook("", 0, ""),
            "t=0,v1=b849d5a581847b281957065739df36df2463d1977ea8d6e1e4e6cf33fadc68c3");
}

TEST(WebhookDispatcherTest, RetriesWaitLongerEachTimeUpToTwoHours) {
  EXPECT_EQ(WebhookDispatcher::Backoff(1), 30s);
  EXPECT_EQ(WebhookDispatcher::Backoff(2), 2min);
  EXPECT_EQ(WebhookDispatcher::Backoff(3), 8min);
  EXPECT_EQ(WebhookDispatcher::Backoff(4), 32min);
  EXPECT_EQ(WebhookDispatcher::Backoff(5), 2h);
  EXPECT_EQ(WebhookDispatcher::Backoff(50), 2h);
}

class DispatcherTest : public ::testing::Test {
 protected:
  // A customer asking for a person, and the handoff it caused.
  core::Decision CommitHandoff() {
    return testing_support::CommitHandoff(db_->store(), ws_, "Ana", "a person, please",
                                          core::HandoffReason::kCustomerRequest, kT0);
  }

  std::int64_t Pending() {
    auto due =
        db_->webhooks().ClaimWebhookDeliveries(kT0 + 1000h, 100, kT0);  // the lease ends at once
    return due.ok() ? static_cast<std::int64_t>(due->size()) : -1;
  }

  testing_support::ShopStore shop_;
  store::Database* db_ = shop_.db.get();
  std::int64_t ws_ = shop_.workspace_id;
  base::FakeClock clock_{kT0};
  http::CurlGlobal curl_;
  http::Client client_{curl_};
  testing_support::WebhookReceiver receiver_;

  void SetUp() override { ASSERT_TRUE(receiver_.started()); }
};

TEST_F(DispatcherTest, PostsEachDeliverySignedWithItsIdAndEvent) {
  ASSERT_TRUE(db_->webhooks().CreateWebhook(ws_, receiver_.url(), "a secret of sixteen", kT0).ok());
  const core::Decision d = CommitHandoff();
  WebhookDispatcher dispatcher(db_->webhooks(), client_, clock_);
  auto attempted = dispatcher.DeliverDue();
  ASSERT_TRUE(attempted.ok()) << attempted.error().message;
  EXPECT_EQ(*attempted, 2u);

  const auto received = receiver_.received();
  ASSERT_EQ(received.size(), 2u);
  std::set<std::string> events;
  for (const httplib::Request& r : received) {
    const std::string signature = r.get_header_value("X-Frontdesk-Signature");
    EXPECT_EQ(signature, SignWebhook("a secret of sixteen", 1763631000, r.body));
    EXPECT_EQ(r.get_header_value("Content-Type"), "application/json");
    const json body = json::parse(r.body);
    EXPECT_EQ(std::to_string(body["id"].get<std::int64_t>()),
              r.get_header_value("X-Frontdesk-Delivery"));
    EXPECT_EQ(body["event"], r.get_header_value("X-Frontdesk-Event"));
    EXPECT_EQ(body["conversation_id"], d.conversation.id);
    events.insert(body["event"]);
    if (body["event"] == "handoff") {
      EXPECT_EQ(body["data"]["notification"]["reason"], "customer_request");
      EXPECT_EQ(body["data"]["notification"]["customer_name"], "Ana");
    } else {
      EXPECT_EQ(body["data"]["message"]["text"], "a person, please");
      EXPECT_EQ(body["data"]["message"]["author"], "customer");
    }
  }
  EXPECT_EQ(events, (std::set<std::string>{"handoff", "message.created"}));
  EXPECT_EQ(Pending(), 0);  // accepted: nothing is owed any more
}

TEST_F(DispatcherTest, AFailedDeliveryIsRetriedAfterItsDelayThenGivenUp) {
  ASSERT_TRUE(db_->webhooks().CreateWebhook(ws_, receiver_.url(), "a secret of sixteen", kT0).ok());
  CommitHandoff();
  receiver_.Answer({500, 503, 500, 500});
  std::vector<std::string> log;
  WebhookDispatcher dispatcher(db_->webhooks(), client_, clock_, {.max_attempts = 2},
                               [&log](std::string_view line) { log.emplace_back(line); });
  ASSERT_EQ(*dispatcher.DeliverDue(), 2u);  // both fail
  EXPECT_EQ(*dispatcher.DeliverDue(), 0u);  // not due again yet
  clock_.Advance(WebhookDispatcher::Backoff(1));
  ASSERT_EQ(*dispatcher.DeliverDue(), 2u);  // the second failures: given up
  clock_.Advance(24h);
  EXPECT_EQ(*dispatcher.DeliverDue(), 0u);
  EXPECT_EQ(receiver_.received().size(), 4u);
  // The retry repeats the delivery's id.
  const auto received = receiver_.received();
  EXPECT_EQ(received[0].get_header_value("X-Frontdesk-Delivery"),
            received[2].get_header_value("X-Frontdesk-Delivery"));
  // Each failure is logged.
  ASSERT_EQ(log.size(), 4u);
  const std::string id = received[0].get_header_value("X-Frontdesk-Delivery");
  EXPECT_EQ(log[0], "webhooks: delivery " + id + " of webhook 1 failed (attempt 1 of 2, " +
                        "retried later): HTTP 500");
  EXPECT_THAT(log[3], ::testing::HasSubstr("(attempt 2 of 2, given up): HTTP 500"));
}

TEST_F(DispatcherTest, AnUnreachableReceiverIsRetriedLaterAndLoggedWithoutItsSecrets) {
  ASSERT_TRUE(db_->webhooks()
                  .CreateWebhook(ws_, "http://hook-user:hook-pass@127.0.0.1:1/path-key?q=query-key",
                                 "a secret of sixteen", kT0)
                  .ok());
  CommitHandoff();
  std::vector<std::string> log;
  WebhookDispatcher dispatcher(db_->webhooks(), client_, clock_, {.timeout = 2s},
                               [&log](std::string_view line) { log.emplace_back(line); });
  ASSERT_EQ(*dispatcher.DeliverDue(), 2u);
  EXPECT_EQ(Pending(), 2);
  ASSERT_EQ(log.size(), 2u);
  for (const std::string& line : log) {
    EXPECT_THAT(line, ::testing::HasSubstr("retried later): POST http://127.0.0.1:1: "));
    for (const char* secret : {"hook-user", "hook-pass", "path-key", "query-key", "sixteen"}) {
      EXPECT_THAT(line, ::testing::Not(::testing::HasSubstr(secret)));
    }
  }
}

}  // namespace
}  // namespace api
