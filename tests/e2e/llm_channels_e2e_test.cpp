// The llm brain on every channel through `frontdesk serve`: a customer writes on WhatsApp,
// Messenger or Instagram (signed webhooks) or on the web chat, and what the customer receives (the
// fake Graph API's send, the visitor's page) is the model's words after the greeting; the model
// was asked with the customer's words and the catalog's and the context's data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "e2e/llm_server.h"

namespace e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kCustomer = "16505550101";
constexpr const char* kQuestion = "how much is the stoneware mug?";
constexpr const char* kReply = "The stoneware mug costs 14.90 USD, and 48 are in stock.";

class LlmChannelE2eTest : public ::testing::TestWithParam<core::Channel> {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start()); }

  // The customer asks kQuestion on the test's channel; what they receive (empty when nothing).
  std::string Ask() {
    const core::Channel channel = GetParam();
    if (channel == core::Channel::kWeb) {
      std::string visitor;
      const json page = server_.VisitorWrites(visitor, kQuestion);
      EXPECT_EQ(page.size(), 2u) << page.dump();
      if (page.size() != 2u) return "";
      EXPECT_EQ(page[1]["author"], "ai");
      return page[1]["text"];
    }
    server_.AcceptSend(channel);
    EXPECT_EQ(server_.CustomerWrites(channel, kCustomer, kQuestion), 200);
    EXPECT_TRUE(server_.WaitForSent(kCustomer, 1)) << server_.Describe(channel, kCustomer);
    const auto sent = server_.SentTo(kCustomer);
    EXPECT_EQ(sent.size(), 1u);
    return sent.empty() ? "" : sent[0];
  }

  LlmServer server_;
};

TEST_P(LlmChannelE2eTest, TheCustomerReceivesTheModelsWordsAndTheModelGotTheirsWithTheCatalog) {
  server_.model().Script(Answers(ModelTurn(kReply)));
  EXPECT_EQ(Ask(), std::string(LlmServer::kGreeting) + "\n\n" + kReply);

  const auto calls = server_.model().calls();
  ASSERT_EQ(calls.size(), 1u);
  const json& messages = calls[0].body["messages"];
  ASSERT_TRUE(messages.is_array() && messages.size() >= 2) << calls[0].body.dump();
  const std::string system = messages.front()["content"];
  EXPECT_THAT(system, HasSubstr(LlmServer::kMugRow));
  EXPECT_THAT(system, HasSubstr(LlmServer::kOpeningHours));
  EXPECT_THAT(messages.back()["content"].get<std::string>(), HasSubstr(kQuestion));
  EXPECT_EQ(server_.Metric(R"(llm_requests_total{result="ok"})"), 1);
  EXPECT_EQ(server_.Metric(R"(messages_total{author="ai"})"), 1);
}

// While the model thinks, the customer sees their message read and the business typing (the web
// chat shows its own).
using LlmPresenceE2eTest = LlmChannelE2eTest;

TEST_P(LlmPresenceE2eTest, TheCustomerSeesTheirMessageReadAndTypingWhileTheModelThinks) {
  const core::Channel channel = GetParam();
  server_.model().Script(Answers(ModelTurn(kReply)));
  Ask();
  // The signals go out on a thread of their own, best effort: the reply may reach the customer
  // first.
  const std::size_t expected = channel == core::Channel::kWhatsapp ? 1 : 2;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (server_.graph().signals().size() < expected &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{2});  // polling, not waiting for time
  }
  std::vector<std::string> signals;
  for (const GraphRequest& r : server_.graph().signals()) signals.push_back(r.body);
  if (channel == core::Channel::kWhatsapp) {
    ASSERT_EQ(signals.size(), 1u);
    const json read = json::parse(signals[0]);
    EXPECT_EQ(read["status"], "read");
    EXPECT_EQ(read["message_id"], "wamid.in1");  // the customer's message
    EXPECT_EQ(read["typing_indicator"]["type"], "text");
  } else {
    ASSERT_EQ(signals.size(), 2u);
    EXPECT_EQ(json::parse(signals[0])["sender_action"], "mark_seen");
    EXPECT_EQ(json::parse(signals[1])["sender_action"], "typing_on");
    EXPECT_EQ(json::parse(signals[1])["recipient"]["id"], kCustomer);
  }
}

INSTANTIATE_TEST_SUITE_P(Channels, LlmChannelE2eTest,
                         ::testing::Values(core::Channel::kWhatsapp, core::Channel::kMessenger,
                                           core::Channel::kInstagram, core::Channel::kWeb),
                         [](const auto& info) { return std::string(core::ToString(info.param)); });
INSTANTIATE_TEST_SUITE_P(Meta, LlmPresenceE2eTest,
                         ::testing::Values(core::Channel::kWhatsapp, core::Channel::kMessenger,
                                           core::Channel::kInstagram),
                         [](const auto& info) { return std::string(core::ToString(info.param)); });

}  // namespace
}  // namespace e2e
