// While a reply is prepared the customer sees their message read and the business typing, best
// effort: what a channel needs, nothing for the web chat or a disconnected account, and a full
// queue drops rather than waits.
#include "runtime/presence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "testing/shop_store.h"

namespace runtime {
namespace {

using nlohmann::json;

class PresenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto [channel, id] : {std::pair{core::Channel::kWhatsapp, "106540352242922"},
                               std::pair{core::Channel::kMessenger, "109876543210987"}}) {
      core::ChannelAccount a;
      a.workspace_id = shop_.workspace_id;
      a.channel = channel;
      a.account_id = id;
      a.access_token = "token-1";
      ASSERT_TRUE(shop_.db->channel_accounts().SaveChannelAccount(a).ok());
    }
  }

  Transport Recording() {
    return [this](const channels::OutboundRequest& r) -> base::Result<TransportReply> {
      std::lock_guard lock(mutex_);
      sent_.push_back(r);
      return TransportReply{200, R"({"success":true})"};
    };
  }

  static core::ConversationSnapshot Snapshot(core::Channel channel, std::string account,
                                             std::string customer) {
    core::ConversationSnapshot s;
    s.conversation.channel = channel;
    s.conversation.account_id = std::move(account);
    s.contact.external_id = std::move(customer);
    core::Message customer_message;
    customer_message.author = core::Author::kCustomer;
    customer_message.provider_message_id = std::string(core::ToString(channel)) + ":message:mid.7";
    core::Message ai;
    ai.author = core::Author::kAi;
    s.history = {customer_message, ai, customer_message};
    s.history.back().provider_message_id = std::string(core::ToString(channel)) + ":message:mid.9";
    return s;
  }

  std::vector<channels::OutboundRequest> Sent() {
    std::lock_guard lock(mutex_);
    return sent_;
  }

  testing_support::ShopStore shop_;
  std::mutex mutex_;
  std::vector<channels::OutboundRequest> sent_;
};

TEST_F(PresenceTest, WhatsappMarksTheLastCustomerMessageReadWithATypingIndicator) {
  Presence presence(shop_.db->channel_accounts(), Recording(), "v25.0");
  presence.Thinking(Snapshot(core::Channel::kWhatsapp, "106540352242922", "16505550101"));
  presence.Flush();
  const auto sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].path, "/v25.0/106540352242922/messages");
  const json body = json::parse(sent[0].body);
  EXPECT_EQ(body["status"], "read");
  EXPECT_EQ(body["message_id"], "mid.9");
  EXPECT_EQ(body["typing_indicator"]["type"], "text");
}

TEST_F(PresenceTest, MessengerMarksSeenThenTypes) {
  Presence presence(shop_.db->channel_accounts(), Recording(), "v25.0");
  presence.Thinking(Snapshot(core::Channel::kMessenger, "109876543210987", "7412589630147852"));
  presence.Flush();
  const auto sent = Sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(json::parse(sent[0].body)["sender_action"], "mark_seen");
  EXPECT_EQ(json::parse(sent[1].body)["sender_action"], "typing_on");
  EXPECT_EQ(json::parse(sent[1].body)["recipient"]["id"], "7412589630147852");
}

TEST_F(PresenceTest, NothingForTheWebChatAnUnknownOrDisconnectedAccountOrAFullQueue) {
  {
    Presence presence(shop_.db->channel_accounts(), Recording(), "v25.0");
    presence.Thinking(Snapshot(core::Channel::kWeb, "", "visitor"));
    presence.Thinking(Snapshot(core::Channel::kWhatsapp, "999", "16505550101"));
    ASSERT_TRUE(shop_.db->channel_accounts()
                    .SetChannelStatus(core::Channel::kMessenger, "109876543210987",
                                      core::ChannelStatus::kReconnectionNeeded)
                    .ok());
    presence.Thinking(Snapshot(core::Channel::kMessenger, "109876543210987", "7412589630147852"));
    presence.Flush();
  }
  {
    Presence full(shop_.db->channel_accounts(), Recording(), "v25.0", /*capacity=*/0);
    full.Thinking(Snapshot(core::Channel::kWhatsapp, "106540352242922", "16505550101"));
    full.Flush();
  }
  EXPECT_TRUE(Sent().empty());
}

TEST_F(PresenceTest, AFailingProviderChangesNothing) {
  int calls = 0;
  Presence presence(
      shop_.db->channel_accounts(),
      [&calls](const channels::OutboundRequest&) -> base::Result<TransportReply> {
        ++calls;
        return base::Error::Unavailable("connection refused");
      },
      "v25.0");
  presence.Thinking(Snapshot(core::Channel::kMessenger, "109876543210987", "7412589630147852"));
  presence.Flush();
  EXPECT_EQ(calls, 2);  // tried once each, never again
}

}  // namespace
}  // namespace runtime
