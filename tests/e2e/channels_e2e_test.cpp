// Each Meta channel end to end through the real binary: a reply at the right Graph path with the
// token; an owner echo pausing the AI, then the (shortened) pause running out; and, on WhatsApp,
// a human takeover while an AI reply waits to be retried.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <regex>

#include "channels/signature.h"
#include "e2e/fake_graph.h"
#include "store/database.h"
#include "testing/fixture.h"
#include "testing/serve_process.h"
#include "testing/temp_dir.h"
#include "testing/test_database.h"

namespace e2e {
namespace {

using testing_support::ServeProcess;

using ::testing::HasSubstr;

constexpr const char* kSecret = "fixture_app_secret_0123456789abcdef";
constexpr const char* kToken = "test-access-token";

// A whole line of the /metrics text ("} 1" alone would also match "} 10").
std::string Line(const std::string& series) { return series + "\n"; }

struct ChannelCase {
  std::string name;  // whatsapp | messenger | instagram
  std::string account_id;
  std::string customer_id;
  std::string send_path;
  std::string text_fixture;
  std::string echo_fixture;  // a person's echo
  std::string sent_reply;    // what the fake Graph API answers to a send
};

const ChannelCase kCases[] = {
    {"whatsapp", "106540352242922", "16505551234", "/v25.0/106540352242922/messages",
     "whatsapp/in_text.json", "whatsapp/smb_echo_text.json",
     R"({"messaging_product":"whatsapp","messages":[{"id":"wamid.out{n}"}]})"},
    {"messenger", "109876543210987", "7412589630147852", "/v25.0/me/messages",
     "messenger/in_text.json", "messenger/echo_page_inbox.json",
     R"({"recipient_id":"7412589630147852","message_id":"m_out{n}"})"},
    {"instagram", "17841400123456789", "1284567890123456", "/v25.0/me/messages",
     "instagram/in_text.json", "instagram/echo_human.json",
     R"({"recipient_id":"1284567890123456","message_id":"ig_out{n}"})"},
};

// The fixture as sent now (a message from the fixture's date would be outside the window), with
// its ids made unique by `tag`.
std::string Now(std::string body, const std::string& tag) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  body = std::regex_replace(body, std::regex(R"re(("timestamp": ?)"\d{10}")re"),
                            "$1\"" + std::to_string(ms / 1000) + "\"");
  body = std::regex_replace(body, std::regex(R"re(("(timestamp|time)": ?)\d{13})re"),
                            "$01" + std::to_string(ms));  // $01: $1 before a digit
  body = std::regex_replace(body, std::regex(R"re(("(id|mid)": ?")(wamid\.|m_|aWdf))re"),
                            "$1$3" + tag);
  return body;
}

class ChannelE2eTest : public ::testing::TestWithParam<ChannelCase> {
 protected:
  void SetUp() override {
    const ChannelCase& c = GetParam();
    ASSERT_TRUE(graph_.started());
    std::ofstream(dir_ / "shop.toml") << R"(slug = "shop"
[agent]
greeting = "Hi!"
workflow = "handoff_to_human"
resume_notice = "Back again."
[settings]
debounce = "0s"
pause = "2s"
[context]
text = "Opening hours: Monday to Friday from 10:00 to 19:00."
[[channels]]
type = ")" << c.name << R"("
account_id = ")" << c.account_id << R"("
access_token = ")" << kToken << R"("
app_secret = ")" << kSecret << R"("
app_id = "1517776481860111"
verify_token = "verify-me"
)";
    db_ = database_.url();
    const std::string init = std::string(FRONTDESK_BINARY) + " init --db '" + db_ + "' --config " +
                             (dir_ / "shop.toml").string() + " > /dev/null";
    ASSERT_EQ(std::system(init.c_str()), 0);
    StartServer();
  }

  // `frontdesk serve` on the database, sending to the fake Graph API.
  void StartServer() {
    server_ = std::make_unique<ServeProcess>(
        FRONTDESK_BINARY,
        std::map<std::string, std::string>{
            {"FRONTDESK_DATABASE_URL", db_},
            {"FRONTDESK_SERVER_PORT", "0"},
            {"FRONTDESK_GRAPH_BASE_URL", "http://127.0.0.1:" + std::to_string(graph_.port())}});
    ASSERT_TRUE(server_->Start());
  }

  int Deliver(const std::string& fixture, const std::string& tag) {
    const std::string body = Now(testing_support::ReadFixture(fixture), tag);
    return server_->Post("/webhooks/" + GetParam().name, body,
                         {{"X-Hub-Signature-256", channels::Sign(body, kSecret)}});
  }

  // The conversation as stored now (read through a second connection: WAL allows it).
  core::ConversationSnapshot Conversation() {
    auto db = store::OpenDatabase(db_, {}).value();
    const auto ws = db->store().FindWorkspace("shop").value();
    const ChannelCase& c = GetParam();
    return db->store()
        .OpenConversation({ws.id, *core::ParseChannel(c.name), c.customer_id, c.account_id}, 100)
        .value();
  }

  // What the store holds, for failure messages.
  std::string Describe() {
    std::string out;
    for (const core::Message& m : Conversation().history) {
      out += std::string(core::ToString(m.author)) + " [" +
             std::string(core::ToString(m.delivery)) + " " + m.delivery_error + "]: " + m.text +
             "\n";
    }
    return out;
  }

  testing_support::TempDir dir_;
  testing_support::TestDatabase database_{dir_.path()};
  std::string db_;  // its URL
  FakeGraph graph_;
  std::unique_ptr<ServeProcess> server_;
};

TEST_P(ChannelE2eTest, TheVerificationHandshakeEchoesTheChallenge) {
  httplib::Client client("127.0.0.1", server_->port());
  const std::string path = "/webhooks/" + GetParam().name;
  auto ok =
      client.Get(path + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "1158201444");
  auto bad =
      client.Get(path + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=nope");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
}

TEST_P(ChannelE2eTest, AnInboundMessageIsAnsweredWithThePathTokenAndRecipient) {
  graph_.Script(200, GetParam().sent_reply);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "a"), 200);
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 1; })) << Describe();
  const GraphRequest r = graph_.requests()[0];
  EXPECT_EQ(r.path, GetParam().send_path);
  EXPECT_EQ(r.authorization, std::string("Bearer ") + kToken);
  EXPECT_THAT(r.body, HasSubstr(GetParam().customer_id));
  EXPECT_THAT(r.body, HasSubstr("Hi!"));

  httplib::Client client("127.0.0.1", server_->port());
  ASSERT_TRUE(WaitFor([&] {
    auto metrics = client.Get("/metrics");
    return metrics &&
           metrics->body.find(Line(R"(outbox_sends_total{result="sent"} 1)")) != std::string::npos;
  }));
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body, HasSubstr(R"(callbacks_received_total{channel=")" + GetParam().name +
                                       Line(R"("} 1)")));
  EXPECT_THAT(metrics->body, HasSubstr(Line(R"(intake_callbacks_total{result="finished"} 1)")));
  EXPECT_THAT(metrics->body, HasSubstr(Line(R"(messages_total{author="ai"} 1)")));
  // Queue depths, measured when scraped: both queues are empty again.
  EXPECT_THAT(metrics->body, HasSubstr(Line(R"(callback_queue{state="due"} 0)")));
  EXPECT_THAT(metrics->body, HasSubstr(Line(R"(outbox_messages{state="due"} 0)")));
  // One delivery handled and one message sent, each with its delay.
  EXPECT_THAT(metrics->body, HasSubstr(Line("intake_delay_seconds_count 1")));
  EXPECT_THAT(metrics->body, HasSubstr(Line("outbox_delay_seconds_count 1")));
}

TEST_P(ChannelE2eTest, AnOwnerEchoPausesTheAiUntilThePauseRunsOut) {
  graph_.Script(200, GetParam().sent_reply);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "a"), 200);
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 1; }));
  ASSERT_EQ(Deliver(GetParam().echo_fixture, "b"), 200);
  ASSERT_TRUE(
      WaitFor([&] { return Conversation().conversation.lease.mode == core::Mode::kManual; }));
  EXPECT_EQ(Conversation().history.back().author, core::Author::kHumanApp);

  graph_.Script(200, GetParam().sent_reply);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "c"), 200);  // during the pause: stored, silent
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 2; }));
  // The second reply came with the resume, not at once.
  EXPECT_THAT(graph_.requests()[1].body, HasSubstr("Back again."));
  EXPECT_EQ(Conversation().conversation.lease.mode, core::Mode::kAi);
}

void PrintTo(const ChannelCase& c, std::ostream* os) { *os << c.name; }

TEST_P(ChannelE2eTest, ADuplicateDeliveryIsAnsweredOnce) {
  graph_.Script(200, GetParam().sent_reply);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "a"), 200);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "a"), 200);  // Meta delivers it again
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 1; })) << Describe();
  // Deliveries are handled in order: once a later message is answered, the duplicate was seen.
  graph_.Script(200, GetParam().sent_reply);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "b"), 200);
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 2; })) << Describe();
  server_->Terminate();
  EXPECT_EQ(graph_.count(), 2u);
  EXPECT_EQ(Conversation().history.size(), 4u);  // two customer messages, two replies
}

TEST_P(ChannelE2eTest, AServerErrorThenSuccessDeliversOnce) {
  graph_.Script(500, R"({"error":{"message":"An unknown error occurred","code":1}})");
  graph_.Script(200, GetParam().sent_reply);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "a"), 200);
  ASSERT_TRUE(WaitFor([&] {
    const auto history = Conversation().history;
    return !history.empty() && history.back().delivery == core::DeliveryStatus::kSent;
  })) << Describe();
  server_->Terminate();
  EXPECT_EQ(graph_.count(), 2u);
}

TEST_P(ChannelE2eTest, ARateLimitIsRetriedAfterABackoff) {
  graph_.Script(429, R"({"error":{"message":"(#4) Application request limit reached","code":4}})");
  graph_.Script(200, GetParam().sent_reply);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "a"), 200);
  // The first answer leaves the message queued with the provider's error until the retry.
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 1; }));
  ASSERT_TRUE(WaitFor([&] {
    const auto history = Conversation().history;
    return !history.empty() && history.back().delivery == core::DeliveryStatus::kQueued &&
           !history.back().delivery_error.empty();
  })) << Describe();
  server_->Terminate();
  EXPECT_EQ(graph_.count(), 1u);  // the backoff (60 s for code 4) was not cut short
}

TEST_P(ChannelE2eTest, ABadSignatureIs401AndNothingIsStored) {
  const std::string body = Now(testing_support::ReadFixture(GetParam().text_fixture), "a");
  EXPECT_EQ(server_->Post("/webhooks/" + GetParam().name, body,
                          {{"X-Hub-Signature-256", channels::Sign(body, "not the secret")}}),
            401);
  server_->Terminate();
  auto db = store::OpenDatabase(db_, {}).value();
  EXPECT_TRUE(db->callbacks()
                  .ClaimCallbacks(base::FromMillis(INT64_MAX / 2), 10, base::TimePoint{})
                  ->empty());
  EXPECT_TRUE(Conversation().history.empty());
}

TEST_P(ChannelE2eTest, AKilledServerAnswersAnAcknowledgedMessageOnceAfterRestart) {
  graph_.Script(200, GetParam().sent_reply);
  graph_.Script(200, GetParam().sent_reply);
  ASSERT_EQ(Deliver(GetParam().text_fixture, "a"), 200);
  server_->Kill();  // right after the 200
  StartServer();
  // Answered, once. (Killed in the instant the request was on its way, the reply is failed as
  // "may or may not have reached the customer" rather than risk a second one.)
  ASSERT_TRUE(WaitFor([&] {
    const auto history = Conversation().history;
    return history.size() == 2 && (history.back().delivery == core::DeliveryStatus::kSent ||
                                   history.back().delivery == core::DeliveryStatus::kFailed);
  })) << Describe();
  server_->Terminate();
  EXPECT_LE(graph_.count(), 1u);
  const auto history = Conversation().history;
  if (!history.empty() && history.back().delivery == core::DeliveryStatus::kSent) {
    EXPECT_EQ(graph_.count(), 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(Meta, ChannelE2eTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.name; });

class TakeoverE2eTest : public ChannelE2eTest {};

TEST_P(TakeoverE2eTest, AnAiReplyQueuedWhenAPersonTakesOverIsNeverSent) {
  graph_.Script(503, R"({"error":{"message":"Service temporarily unavailable","code":2}})");
  ASSERT_EQ(Deliver(GetParam().text_fixture, "a"), 200);
  ASSERT_TRUE(WaitFor([&] { return graph_.count() == 1; }));  // failed: waits for a retry
  ASSERT_EQ(Deliver(GetParam().echo_fixture, "b"), 200);      // the owner answers meanwhile
  ASSERT_TRUE(WaitFor([&] {
    for (const core::Message& m : Conversation().history) {
      if (m.author == core::Author::kAi && m.delivery == core::DeliveryStatus::kDropped) {
        return true;
      }
    }
    return false;
  }));
  server_->Terminate();
  EXPECT_EQ(graph_.count(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Meta, TakeoverE2eTest, ::testing::Values(kCases[0]),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace e2e
