// Races through `frontdesk serve` in real time: a WhatsApp customer asks, the model takes its time
// (its answer held until the test lets it go), and meanwhile a CRM user takes manual control or
// replies from the CRM, the owner answers from the app (an echo), or the customer writes again.
// After a takeover no AI message is stored or sent; a burst gets exactly one answer, covering both
// messages; no customer message is lost. tests/runtime/reply_race_test.cpp runs the same races
// in-process at every moment of the call.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/llm_server.h"

namespace e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing_support::LlmAnswer;

constexpr core::Channel kWhatsapp = core::Channel::kWhatsapp;
constexpr const char* kCustomer = "16505550103";
constexpr const char* kFirst = "how much is the stoneware mug?";
constexpr const char* kSecond = "and the linen napkins?";
constexpr const char* kHeldReply = "The stoneware mug costs 14.90 USD.";
constexpr const char* kLaterReply =
    "The stoneware mug costs 14.90 USD and the linen napkins 24.00 USD.";
constexpr const char* kCrmReply = "Marta here: let me check that for you.";
constexpr const char* kEcho = "Hi, it's the owner. 14.90 each!";

enum class Meanwhile { kTakeControl, kCrmReply, kOwnerEcho, kCustomerWrites };

std::string Name(Meanwhile m) {
  switch (m) {
    case Meanwhile::kTakeControl:
      return "TakeControl";
    case Meanwhile::kCrmReply:
      return "CrmReply";
    case Meanwhile::kOwnerEcho:
      return "OwnerEcho";
    case Meanwhile::kCustomerWrites:
      return "CustomerWrites";
  }
  return "";
}

void PrintTo(Meanwhile m, std::ostream* os) { *os << Name(m); }

class LlmRaceE2eTest : public ::testing::TestWithParam<Meanwhile> {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start()); }

  std::vector<std::string> Texts(core::Author author) {
    std::vector<std::string> texts;
    const auto conversation = server_.Conversation(kWhatsapp, kCustomer);
    if (!conversation) return texts;
    for (const core::Message& m : conversation->history) {
      if (m.author == author) texts.push_back(m.text);
    }
    return texts;
  }

  // What lands while the model thinks, committed before it answers.
  void Act(std::int64_t conversation) {
    switch (GetParam()) {
      case Meanwhile::kTakeControl:
        ASSERT_EQ(server_.TakeControl(conversation).status, 200);
        return;
      case Meanwhile::kCrmReply:
        ASSERT_EQ(server_.ReplyFromCrm(conversation, kCrmReply).status, 201);
        return;
      case Meanwhile::kOwnerEcho:
        ASSERT_EQ(server_.OwnerEcho(kWhatsapp, kCustomer, kEcho), 200);
        ASSERT_TRUE(WaitFor([&] { return !Texts(core::Author::kHumanApp).empty(); }));
        return;
      case Meanwhile::kCustomerWrites:
        ASSERT_EQ(server_.CustomerWrites(kWhatsapp, kCustomer, kSecond), 200);
        ASSERT_TRUE(WaitFor([&] { return Texts(core::Author::kCustomer).size() == 2; }));
        return;
    }
  }

  LlmServer server_;
};

TEST_P(LlmRaceE2eTest, WhatLandsWhileTheModelThinksHoldsTheLeaseAndTheBurst) {
  LlmAnswer held = Answers(ModelTurn(kHeldReply));
  held.held = true;
  server_.model().Script(held);
  server_.model().SetResponder([](const testing_support::LlmCall&) {
    return Answers(ModelTurn(kLaterReply, {"Stoneware mug", "Linen napkins"}));
  });

  ASSERT_EQ(server_.CustomerWrites(kWhatsapp, kCustomer, kFirst), 200);
  ASSERT_TRUE(WaitFor([&] { return server_.model().holding() == 1; }))
      << server_.Describe(kWhatsapp, kCustomer);
  const auto conversation = server_.Conversation(kWhatsapp, kCustomer);
  ASSERT_TRUE(conversation);
  Act(conversation->conversation.id);
  if (HasFatalFailure()) return;
  server_.model().LetGo();
  // The reply settled (a takeover left nothing to say) or answered (the burst).
  ASSERT_TRUE(WaitFor([&] {
    return server_.Metric(R"(replies_total{result="settled"})") +
               server_.Metric(R"(replies_total{result="answered"})") >=
           1;
  })) << server_.Describe(kWhatsapp, kCustomer);
  // The model's first proposal was made for a turn that no longer stood.
  EXPECT_EQ(server_.Metric("reply_proposals_discarded_total"), 1);

  const auto calls = server_.model().calls();
  if (GetParam() == Meanwhile::kCustomerWrites) {
    ASSERT_TRUE(server_.WaitForSent(kCustomer, 1)) << server_.Describe(kWhatsapp, kCustomer);
    const std::string answer = std::string(LlmServer::kGreeting) + "\n\n" + kLaterReply;
    EXPECT_THAT(Texts(core::Author::kCustomer), ElementsAre(kFirst, kSecond));
    EXPECT_THAT(Texts(core::Author::kAi), ElementsAre(answer));
    EXPECT_EQ(server_.Conversation(kWhatsapp, kCustomer)->history.back().author,
              core::Author::kAi);  // one answer, after both
    EXPECT_EQ(server_.Metric(R"(replies_total{result="answered"})"), 1);
    // The model was asked again, with both messages.
    ASSERT_EQ(calls.size(), 2u);
    const std::string asked = calls[1].body["messages"].back()["content"];
    EXPECT_THAT(asked, HasSubstr(kFirst));
    EXPECT_THAT(asked, HasSubstr(kSecond));
    EXPECT_THAT(server_.SentTo(kCustomer), ElementsAre(answer));
    return;
  }
  EXPECT_TRUE(Texts(core::Author::kAi).empty()) << server_.Describe(kWhatsapp, kCustomer);
  EXPECT_THAT(Texts(core::Author::kCustomer), ElementsAre(kFirst));
  EXPECT_EQ(server_.Conversation(kWhatsapp, kCustomer)->conversation.lease.mode,
            core::Mode::kManual);
  EXPECT_EQ(server_.Metric(R"(replies_total{result="settled"})"), 1);
  EXPECT_EQ(calls.size(), 1u);  // a takeover leaves nothing to ask the model
  if (GetParam() == Meanwhile::kCrmReply) {
    ASSERT_TRUE(server_.WaitForSent(kCustomer, 1));
    EXPECT_THAT(server_.SentTo(kCustomer), ElementsAre(kCrmReply));  // the person's, only
  } else {
    EXPECT_TRUE(server_.SentTo(kCustomer).empty());
  }
  // Nothing is left to send.
  EXPECT_TRUE(WaitFor([&] { return server_.Metric(R"(outbox_messages{state="due"})") == 0; }));
  EXPECT_EQ(server_.SentTo(kCustomer).size(), GetParam() == Meanwhile::kCrmReply ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(Races, LlmRaceE2eTest,
                         ::testing::Values(Meanwhile::kTakeControl, Meanwhile::kCrmReply,
                                           Meanwhile::kOwnerEcho, Meanwhile::kCustomerWrites),
                         [](const auto& info) { return Name(info.param); });

}  // namespace
}  // namespace e2e
