#include <gtest/gtest.h>

#include "channels/callback.h"
#include "channels/echo.h"
#include "fixtures.h"

namespace channels {
namespace {

using testing::OnlyEvent;

constexpr core::Channel kIg = core::Channel::kInstagram;
constexpr const char* kIgAccount = "17841400123456789";
constexpr const char* kIgsid = "1284567890123456";
constexpr const char* kEchoMid =
    "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMTIzNDU2Nzg5OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI3N"
    "jAxOTc0MzkzNzQyMjYxNDozMTkwNTU3ODM1NTM4NDM2ODUxNTA3MTI2MDUxOTAzODk3OQZDZD";

TEST(InstagramParserTest, TextMessageNamesAccountAndCustomer) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/in_text.json");
  EXPECT_EQ(e.channel, kIg);
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.account_id, kIgAccount);
  EXPECT_EQ(e.customer_id, kIgsid);
  EXPECT_EQ(e.at, base::FromMillis(1767261600301));
  EXPECT_EQ(e.text, "Do you ship to Canada?");
  EXPECT_FALSE(e.provider_message_id.empty());
}

TEST(InstagramParserTest, StoryReplyIsMarkedBeforeTheText) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/story_reply.json");
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.content, ContentKind::kText);
  EXPECT_EQ(e.text, "[story reply] Love this colour!");
  EXPECT_TRUE(e.has_words);
}

TEST(InstagramParserTest, StoryMentionBecomesASummary) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/story_mention.json");
  EXPECT_EQ(e.content, ContentKind::kShare);
  EXPECT_EQ(e.text, "[story mention]");
  EXPECT_FALSE(e.has_words);
}

TEST(InstagramParserTest, UnsentMessageIsADeleteOfIt) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/deleted.json");
  EXPECT_EQ(e.kind, EventKind::kDelete);
  EXPECT_EQ(e.target_message_id, OnlyEvent(kIg, "instagram/in_text.json").provider_message_id);
  EXPECT_EQ(e.customer_id, kIgsid);
}

TEST(InstagramParserTest, EchoNeedsTheLedgerToTellOursFromAPerson) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/echo_human.json");
  EXPECT_EQ(e.kind, EventKind::kEcho);
  EXPECT_EQ(e.customer_id, kIgsid);  // the recipient
  EXPECT_EQ(e.account_id, kIgAccount);
  EXPECT_EQ(e.provider_message_id, kEchoMid);
  EXPECT_EQ(e.text, "Yes we do! Shipping is 5-7 days.");
  ASSERT_TRUE(e.echo.has_value());
  EXPECT_EQ(e.echo->source, EchoSource::kUnknown);
  EXPECT_EQ(ClassifyEcho(*e.echo, "1517776481860111", /*in_our_ledger=*/false), EchoOrigin::kHuman);
  EXPECT_EQ(ClassifyEcho(*e.echo, "1517776481860111", /*in_our_ledger=*/true), EchoOrigin::kOurs);
}

TEST(InstagramParserTest, SeenIsAReadReceiptOfOneMessage) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/seen.json");
  EXPECT_EQ(e.kind, EventKind::kStatus);
  EXPECT_EQ(e.target_message_id, kEchoMid);
  ASSERT_TRUE(e.receipt.has_value());
  EXPECT_EQ(e.receipt->status, ReceiptStatus::kRead);
  EXPECT_FALSE(e.receipt->watermark.has_value());
}

TEST(InstagramParserTest, ReactionTargetsTheMessage) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/reaction.json");
  EXPECT_EQ(e.kind, EventKind::kReaction);
  EXPECT_EQ(e.target_message_id, kEchoMid);
  ASSERT_TRUE(e.reaction.has_value());
  EXPECT_EQ(e.reaction->emoji, "\xE2\x9D\xA4\xEF\xB8\x8F");
}

TEST(InstagramParserTest, IcebreakerPostbackIsAButtonReply) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/postback.json");
  EXPECT_EQ(e.content, ContentKind::kButtonReply);
  EXPECT_EQ(e.text, "Talk to a person");
  EXPECT_EQ(e.payload, "ICEBREAKER_HUMAN");
}

TEST(InstagramParserTest, DashboardTestChangesEnvelopeIsParsedLikeMessaging) {
  const InboundEvent e = OnlyEvent(kIg, "instagram/dashboard_test_changes.json");
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.customer_id, "12334");
  EXPECT_EQ(e.provider_message_id, "random_mid");
  EXPECT_EQ(e.text, "random_text");
  EXPECT_EQ(e.at, base::FromMillis(1527459824000));  // seconds, as a string
}

}  // namespace
}  // namespace channels
