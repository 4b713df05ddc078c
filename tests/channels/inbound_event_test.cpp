#include "channels/inbound_event.h"

#include <gtest/gtest.h>

#include <set>

namespace channels {
namespace {

InboundEvent Status(const char* target, ReceiptStatus status) {
  InboundEvent e;
  e.kind = EventKind::kStatus;
  e.target_message_id = target;
  e.customer_id = "c";
  e.receipt = Receipt{status, std::nullopt};
  return e;
}

TEST(DedupeKeyTest, AMessagesProviderIdIsReadBackFromItsKey) {
  EXPECT_EQ(MessageIdOfDedupeKey("whatsapp:message:wamid.1"), "wamid.1");
  EXPECT_EQ(MessageIdOfDedupeKey("messenger:message:m_a:b"), "m_a:b");
  EXPECT_EQ(MessageIdOfDedupeKey("whatsapp:status:wamid.1:read"), std::nullopt);
  EXPECT_EQ(MessageIdOfDedupeKey("whatsapp:message:"), std::nullopt);
  EXPECT_EQ(MessageIdOfDedupeKey("web-1"), std::nullopt);
  EXPECT_EQ(MessageIdOfDedupeKey(""), std::nullopt);
}

TEST(DedupeKeyTest, MessagesAreKeyedByChannelAndProviderId) {
  InboundEvent a;
  a.kind = EventKind::kMessage;
  a.provider_message_id = "wamid.1";
  InboundEvent b = a;
  b.text = "different text, same delivery";
  EXPECT_EQ(DedupeKey(a), DedupeKey(b));
  EXPECT_EQ(DedupeKey(a), "whatsapp:message:wamid.1");
  b.channel = core::Channel::kMessenger;
  EXPECT_NE(DedupeKey(a), DedupeKey(b));
}

TEST(DedupeKeyTest, EachStatusOfAMessageIsItsOwnEvent) {
  std::set<std::string> keys;
  for (ReceiptStatus s : {ReceiptStatus::kSent, ReceiptStatus::kDelivered, ReceiptStatus::kRead,
                          ReceiptStatus::kFailed}) {
    keys.insert(DedupeKey(Status("wamid.1", s)));
  }
  EXPECT_EQ(keys.size(), 4u);
  EXPECT_EQ(DedupeKey(Status("wamid.1", ReceiptStatus::kRead)),
            DedupeKey(Status("wamid.1", ReceiptStatus::kRead)));
}

TEST(DedupeKeyTest, ReactionsDifferByEmojiAndTime) {
  InboundEvent a;
  a.kind = EventKind::kReaction;
  a.target_message_id = "m";
  a.reaction = Reaction{"x", false};
  InboundEvent b = a;
  b.reaction = Reaction{"", true};
  InboundEvent c = a;
  c.at = base::FromMillis(1);
  EXPECT_NE(DedupeKey(a), DedupeKey(b));
  EXPECT_NE(DedupeKey(a), DedupeKey(c));
}

TEST(DedupeKeyTest, MessageWithoutIdFallsBackToCustomerTimeAndPayload) {
  InboundEvent a;
  a.channel = core::Channel::kMessenger;
  a.kind = EventKind::kMessage;  // an old postback without a mid
  a.customer_id = "p";
  a.payload = "GET_STARTED";
  InboundEvent b = a;
  b.at = base::FromMillis(5);
  EXPECT_NE(DedupeKey(a), DedupeKey(b));
}

TEST(InboundEventTest, NamesAreStable) {
  EXPECT_EQ(ToString(EventKind::kEcho), "echo");
  EXPECT_EQ(ToString(ContentKind::kButtonReply), "button_reply");
  EXPECT_EQ(ToString(EchoSource::kPageInbox), "page_inbox");
  EXPECT_EQ(ToString(ReceiptStatus::kDelivered), "delivered");
  EXPECT_EQ(ToString(HandoverAction::kPass), "pass");
}

}  // namespace
}  // namespace channels
