// The real binary on port 0 against a fake Graph API: WhatsApp webhooks in, replies out.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "channels/signature.h"
#include "e2e/fake_graph.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fixture.h"
#include "testing/serve_process.h"
#include "testing/temp_dir.h"

namespace e2e {
namespace {

using testing_support::ServeProcess;

using ::testing::HasSubstr;

constexpr const char* kSecret = "fixture_app_secret_0123456789abcdef";
constexpr const char* kToken = "test-access-token";

class WhatsappE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(graph_.started());
    std::ofstream(dir_ / "shop.toml") << R"(slug = "shop"
[agent]
greeting = "Hi!"
workflow = "handoff_to_human"
[settings]
debounce = "0s"
[context]
text = "Opening hours: Monday to Friday from 10:00 to 19:00."
[[channels]]
type = "whatsapp"
account_id = "106540352242922"
access_token = ")" << kToken << R"("
app_secret = ")" << kSecret << R"("
verify_token = "verify-me"
)";
    db_ = (dir_ / "fd.db").string();
    const std::string init = std::string(FRONTDESK_BINARY) + " init --db " + db_ + " --config " +
                             (dir_ / "shop.toml").string() + " > /dev/null";
    ASSERT_EQ(std::system(init.c_str()), 0);
    server_ = std::make_unique<ServeProcess>(FRONTDESK_BINARY, Env());
    ASSERT_TRUE(server_->Start());
  }

  std::map<std::string, std::string> Env() {
    return {{"FRONTDESK_DATABASE_PATH", db_},
            {"FRONTDESK_SERVER_PORT", "0"},
            {"FRONTDESK_GRAPH_BASE_URL", "http://127.0.0.1:" + std::to_string(graph_.port())}};
  }

  int Deliver(const std::string& body) {
    return server_->Post("/webhooks/whatsapp", body,
                         {{"X-Hub-Signature-256", channels::Sign(body, kSecret)}});
  }

  std::size_t CountRows(const std::string& table) {
    auto store = store::SqliteStore::Open(db_);
    if (!store.ok()) return 0;
    auto pending = (*store)->PendingInbox(base::FromMillis(INT64_MAX / 2), 1000);
    if (table == "inbox") return pending.ok() ? pending->size() : 0;
    auto ws = (*store)->FindWorkspace("shop");
    auto s = (*store)->OpenConversation(
        {ws->id, core::Channel::kWhatsapp, "16505551234", "106540352242922"}, 1000);
    return s.ok() ? s->history.size() : 0;
  }

  testing_support::TempDir dir_;
  std::string db_;
  FakeGraph graph_;
  std::unique_ptr<ServeProcess> server_;
};

TEST_F(WhatsappE2eTest, TheVerificationHandshakeEchoesTheChallenge) {
  httplib::Client client("127.0.0.1", server_->port());
  auto ok = client.Get(
      "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "1158201444");
  auto bad = client.Get(
      "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=nope");
  EXPECT_EQ(bad->status, 403);
}

TEST_F(WhatsappE2eTest, AnInboundTextIsAnsweredAtTheGraphApi) {
  ASSERT_EQ(Deliver(testing_support::WhatsappTextNow("wamid.in1", "what are your opening hours?")),
            200);
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 1; }));
  const GraphRequest r = graph_.requests()[0];
  EXPECT_EQ(r.path, "/v25.0/106540352242922/messages");
  EXPECT_EQ(r.authorization, std::string("Bearer ") + kToken);
  EXPECT_THAT(r.body, HasSubstr(R"("to":"16505551234")"));
  EXPECT_THAT(r.body, HasSubstr("10:00"));

  httplib::Client client("127.0.0.1", server_->port());
  ASSERT_TRUE(WaitFor([&] {
    auto metrics = client.Get("/metrics");
    return metrics &&
           metrics->body.find(R"(outbox_sends_total{result="sent"} 1)") != std::string::npos;
  }));
  auto metrics = client.Get("/metrics");
  EXPECT_THAT(metrics->body, HasSubstr(R"(webhooks_received_total{channel="whatsapp"} 1)"));
  EXPECT_THAT(metrics->body, HasSubstr(R"(intake_deliveries_total{result="finished"} 1)"));
  EXPECT_THAT(metrics->body, HasSubstr(R"(messages_total{author="ai"} 1)"));
  // Queue depths, measured when scraped: both queues are empty again.
  EXPECT_THAT(metrics->body, HasSubstr(R"(inbox_deliveries{state="due"} 0)"));
  EXPECT_THAT(metrics->body, HasSubstr(R"(outbox_messages{state="due"} 0)"));
  // One delivery handled and one message sent, each with its delay.
  EXPECT_THAT(metrics->body, HasSubstr("intake_delay_seconds_count 1"));
  EXPECT_THAT(metrics->body, HasSubstr("outbox_delay_seconds_count 1"));
}

TEST_F(WhatsappE2eTest, ADuplicateDeliveryIsAnsweredOnce) {
  const std::string first = testing_support::WhatsappTextNow("wamid.in2", "hello");
  ASSERT_EQ(Deliver(first), 200);
  ASSERT_EQ(Deliver(first), 200);
  ASSERT_EQ(Deliver(testing_support::WhatsappTextNow("wamid.in3", "what are your opening hours?")),
            200);
  // The deliveries are handled in order: once the third is answered, the duplicate was handled.
  ASSERT_TRUE(WaitFor([&] { return graph_.count() >= 2; }));
  server_->Terminate();
  EXPECT_EQ(graph_.count(), 2u);
}

TEST_F(WhatsappE2eTest, ABadSignatureIs401AndNothingIsStored) {
  const std::string body = testing_support::WhatsappTextNow("wamid.in4", "hello");
  EXPECT_EQ(server_->Post("/webhooks/whatsapp", body,
                          {{"X-Hub-Signature-256", channels::Sign(body, "wrong secret")}}),
            401);
  EXPECT_EQ(server_->Post("/webhooks/whatsapp", body), 401);
  server_->Terminate();
  EXPECT_EQ(CountRows("inbox"), 0u);
  EXPECT_EQ(CountRows("messages"), 0u);
  EXPECT_EQ(graph_.count(), 0u);
}

TEST_F(WhatsappE2eTest, AServerErrorIsRetriedAndDeliveredOnce) {
  graph_.Script(500, R"({"error":{"message":"Something went wrong","code":131000}})");
  ASSERT_EQ(Deliver(testing_support::WhatsappTextNow("wamid.in5", "hello")), 200);
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 2; }));
  server_->Terminate();
  EXPECT_EQ(graph_.count(), 2u);
}

TEST_F(WhatsappE2eTest, AKilledServerAnswersAnAcknowledgedMessageAfterRestartOnce) {
  ASSERT_EQ(Deliver(testing_support::WhatsappTextNow("wamid.in6", "hello")), 200);
  server_->Kill();  // right after the 200: whatever was done is durable, the rest is not
  server_ = std::make_unique<ServeProcess>(FRONTDESK_BINARY, Env());
  ASSERT_TRUE(server_->Start());
  ASSERT_EQ(Deliver(testing_support::WhatsappTextNow("wamid.in7", "what are your opening hours?")),
            200);
  ASSERT_TRUE(WaitFor([&] {
    for (const auto& r : graph_.requests()) {
      if (r.body.find("10:00") != std::string::npos) return true;
    }
    return false;
  }));
  server_->Terminate();
  // The first reply went out at most once (never twice, whatever instant the kill hit).
  int greetings = 0;
  for (const auto& r : graph_.requests()) greetings += r.body.find("Hi!") != std::string::npos;
  EXPECT_LE(greetings, 1);
  EXPECT_LE(graph_.count(), 2u);
}

}  // namespace
}  // namespace e2e
