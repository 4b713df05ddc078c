#include <gtest/gtest.h>

#include "channels/callback.h"
#include "channels/echo.h"
#include "fixtures.h"

namespace channels {
namespace {

using testing::OnlyEvent;
using testing::ParseFixture;

constexpr core::Channel kFb = core::Channel::kMessenger;
constexpr const char* kPage = "109876543210987";
constexpr const char* kPsid = "7412589630147852";
constexpr const char* kOurAppId = "1517776481860111";
constexpr const char* kFirstMid =
    "m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU9xQe2Lk4TnP0vR7sYb1cZ3dF6gH8jKaW5uV0iO2pA";
constexpr const char* kOurMid =
    "m_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3Ab4Cd5Ef6Gh7Ij8Kl9Mn0Op1Qr2St3Uv4Wx5Yz6";

TEST(MessengerParserTest, QuickReplyTextIsAButtonReplyFromTheCustomer) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/in_text.json");
  EXPECT_EQ(e.channel, kFb);
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.account_id, kPage);
  EXPECT_EQ(e.customer_id, kPsid);
  EXPECT_EQ(e.provider_message_id, kFirstMid);
  EXPECT_EQ(e.at, base::FromMillis(1767261599871));  // the event's own time, not entry.time
  EXPECT_EQ(e.content, ContentKind::kButtonReply);
  EXPECT_EQ(e.text, "Store pickup");
  EXPECT_EQ(e.payload, "DELIVERY_PICKUP");
  EXPECT_FALSE(e.standby);
}

TEST(MessengerParserTest, SignedVectorKeepsTheEscapedAccentDecoded) {
  const InboundEvent e = OnlyEvent(kFb, "signature/vector_b.json");
  EXPECT_EQ(e.text, "Caf\xC3\xA9 ouvert aujourd'hui ?");
  EXPECT_EQ(e.content, ContentKind::kText);
}

TEST(MessengerParserTest, ReplyNamesTheQuotedMessage) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/in_reply.json");
  EXPECT_EQ(e.text, "Is this still available?");
  EXPECT_EQ(e.reply_to_message_id, kFirstMid);
}

TEST(MessengerParserTest, ImageAttachmentBecomesASummaryWithItsUrl) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/in_image.json");
  EXPECT_EQ(e.content, ContentKind::kImage);
  EXPECT_EQ(e.text, "[image]");
  ASSERT_EQ(e.media.size(), 1u);
  EXPECT_EQ(e.media[0].id, "https://scontent.xx.fbcdn.net/v/t1.15752-9/fixture_image.jpg");
}

TEST(MessengerParserTest, OnlyTheCustomersOwnWordsCountAsWords) {
  EXPECT_TRUE(OnlyEvent(kFb, "messenger/in_text.json").has_words);
  EXPECT_TRUE(OnlyEvent(kFb, "messenger/in_reply.json").has_words);
  EXPECT_TRUE(OnlyEvent(kFb, "messenger/postback.json").has_words);  // the button's title
  EXPECT_FALSE(OnlyEvent(kFb, "messenger/in_image.json").has_words);
}

TEST(MessengerParserTest, EchoOfOurAppIsRecognizedByAppId) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/echo_ours.json");
  EXPECT_EQ(e.kind, EventKind::kEcho);
  EXPECT_EQ(e.customer_id, kPsid);  // the recipient
  EXPECT_EQ(e.account_id, kPage);
  EXPECT_EQ(e.provider_message_id, kOurMid);
  EXPECT_EQ(e.send_metadata, "ai:conv=8812;turn=3");
  EXPECT_EQ(e.text, "Yes! We're open until 8pm today.");
  ASSERT_TRUE(e.echo.has_value());
  EXPECT_EQ(e.echo->source, EchoSource::kApp);
  EXPECT_EQ(e.echo->app_id, kOurAppId);  // a 64-bit number read exactly
  EXPECT_EQ(ClassifyEcho(*e.echo, kOurAppId, false), EchoOrigin::kOurs);
}

TEST(MessengerParserTest, PageInboxEchoIsAPersonReplying) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/echo_page_inbox.json");
  EXPECT_EQ(e.kind, EventKind::kEcho);
  EXPECT_EQ(e.at, base::FromMillis(1767261900218));
  ASSERT_TRUE(e.echo.has_value());
  EXPECT_EQ(e.echo->source, EchoSource::kPageInbox);
  EXPECT_EQ(e.echo->app_id, "263902037430900");
  EXPECT_EQ(ClassifyEcho(*e.echo, kOurAppId, false), EchoOrigin::kHuman);
}

TEST(MessengerParserTest, EchoWithoutAppIdIsAPersonReplying) {
  std::string body = testing::ReadFixture("messenger/echo_page_inbox.json");
  const std::string app_id_line = "\"app_id\": 263902037430900,";
  body.erase(body.find(app_id_line), app_id_line.size());
  const auto events = ParseCallback(kFb, body);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  ASSERT_TRUE(events->front().echo.has_value());
  EXPECT_EQ(events->front().echo->source, EchoSource::kPageInbox);
  EXPECT_TRUE(events->front().echo->app_id.empty());
}

TEST(MessengerParserTest, DeliveryReceiptNamesOurMessageAndWatermark) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/delivery.json");
  EXPECT_EQ(e.kind, EventKind::kStatus);
  EXPECT_EQ(e.customer_id, kPsid);
  EXPECT_EQ(e.target_message_id, kOurMid);
  ASSERT_TRUE(e.receipt.has_value());
  EXPECT_EQ(e.receipt->status, ReceiptStatus::kDelivered);
  EXPECT_EQ(e.receipt->watermark, base::FromMillis(1767261612101));
}

TEST(MessengerParserTest, ReadReceiptHasOnlyAWatermark) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/read.json");
  EXPECT_EQ(e.kind, EventKind::kStatus);
  EXPECT_TRUE(e.target_message_id.empty());
  ASSERT_TRUE(e.receipt.has_value());
  EXPECT_EQ(e.receipt->status, ReceiptStatus::kRead);
  EXPECT_EQ(e.receipt->watermark, base::FromMillis(1767261612101));
}

TEST(MessengerParserTest, PostbackIsAButtonReplyWithTitleAndPayload) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/postback.json");
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.content, ContentKind::kButtonReply);
  EXPECT_EQ(e.text, "Get Started");
  EXPECT_EQ(e.payload, "GET_STARTED");
  EXPECT_EQ(e.provider_message_id,
            "m_Pb1Pb2Pb3Pb4Pb5Pb6Pb7Pb8Pb9Pb0Pb1Pb2Pb3Pb4Pb5Pb6Pb7Pb8Pb9Pb0Pb1Pb2Pb3Pb4Pb5Pb6");
}

TEST(MessengerParserTest, ReactionTargetsOurMessageWithItsEmoji) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/reaction.json");
  EXPECT_EQ(e.kind, EventKind::kReaction);
  EXPECT_EQ(e.target_message_id, kOurMid);
  ASSERT_TRUE(e.reaction.has_value());
  EXPECT_EQ(e.reaction->emoji, "\xE2\x9D\xA4\xEF\xB8\x8F");  // red heart
  EXPECT_FALSE(e.reaction->removed);
}

TEST(MessengerParserTest, StandbyMessageIsFlaggedAsAnotherAppOwningTheThread) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/standby.json");
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_TRUE(e.standby);
  EXPECT_EQ(e.text, "Great, thanks Maria");
  EXPECT_EQ(e.customer_id, kPsid);
}

TEST(MessengerParserTest, TakeThreadControlNamesBothOwners) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/take_thread_control.json");
  EXPECT_EQ(e.kind, EventKind::kHandover);
  ASSERT_TRUE(e.handover.has_value());
  EXPECT_EQ(e.handover->action, HandoverAction::kTake);
  EXPECT_EQ(e.handover->previous_owner_app_id, kOurAppId);
  EXPECT_EQ(e.handover->new_owner_app_id, "263902037430900");
  EXPECT_EQ(e.customer_id, kPsid);
}

TEST(MessengerParserTest, PassThreadControlBackToUsCarriesTheMetadata) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/pass_thread_control.json");
  ASSERT_TRUE(e.handover.has_value());
  EXPECT_EQ(e.handover->action, HandoverAction::kPass);
  EXPECT_EQ(e.handover->new_owner_app_id, kOurAppId);
  EXPECT_EQ(e.handover->metadata, "Conversation marked done in inbox");
}

TEST(MessengerParserTest, RequestThreadControlNamesTheRequester) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/request_thread_control.json");
  ASSERT_TRUE(e.handover.has_value());
  EXPECT_EQ(e.handover->action, HandoverAction::kRequest);
  EXPECT_EQ(e.handover->new_owner_app_id, "263902037430900");
}

TEST(MessengerParserTest, AppRolesHaveNoCustomerAndAreUnsupported) {
  const InboundEvent e = OnlyEvent(kFb, "messenger/app_roles.json");
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[messenger event: app_roles]");
  EXPECT_TRUE(e.customer_id.empty());
}

}  // namespace
}  // namespace channels
