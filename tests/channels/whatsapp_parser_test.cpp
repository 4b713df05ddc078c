#include <gtest/gtest.h>

#include "channels/callback.h"
#include "fixtures.h"

namespace channels {
namespace {

using testing::OnlyEvent;
using testing::ParseFixture;
using testing::Seconds;

constexpr core::Channel kWa = core::Channel::kWhatsapp;
constexpr const char* kPhoneNumberId = "106540352242922";
constexpr const char* kCustomer = "16505551234";
constexpr const char* kFirstMessage =
    "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
constexpr const char* kOurMessage = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIyRjBEOEE2QzQxQjNFOTU3N0EA";
constexpr const char* kOwnerEcho =
    "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBYzRUIwQzRBMUQyRTNGNDA1QTZCN0M4AA==";

TEST(WhatsappParserTest, TextMessageNamesAccountCustomerAndTime) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_text.json");
  EXPECT_EQ(e.channel, kWa);
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.account_id, kPhoneNumberId);
  EXPECT_EQ(e.customer_id, kCustomer);
  EXPECT_EQ(e.customer_name, "Sheena Nelson");
  EXPECT_EQ(e.provider_message_id, kFirstMessage);
  EXPECT_EQ(e.at, Seconds(1767261600));
  EXPECT_EQ(e.content, ContentKind::kText);
  EXPECT_EQ(e.text, "Hi, is the shop open today?");
  EXPECT_FALSE(e.echo.has_value());
}

TEST(WhatsappParserTest, SignedVectorIsTheSameMessage) {
  const InboundEvent pretty = OnlyEvent(kWa, "whatsapp/in_text.json");
  const InboundEvent signed_body = OnlyEvent(kWa, "signature/vector_a.json");
  EXPECT_EQ(signed_body.provider_message_id, pretty.provider_message_id);
  EXPECT_EQ(signed_body.text, pretty.text);
}

TEST(WhatsappParserTest, ImageCaptionIsTheTextAndTheMediaIdIsKept) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_image.json");
  EXPECT_EQ(e.content, ContentKind::kImage);
  EXPECT_EQ(e.text, "This one, in blue");
  ASSERT_EQ(e.media.size(), 1u);
  EXPECT_EQ(e.media[0].id, "1908647269898587");
  EXPECT_EQ(e.media[0].mime_type, "image/jpeg");
  EXPECT_EQ(e.at, Seconds(1767261660));
}

TEST(WhatsappParserTest, VoiceNoteBecomesAReadableSummary) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_audio_voice.json");
  EXPECT_EQ(e.content, ContentKind::kAudio);
  EXPECT_EQ(e.text, "[voice message]");
  ASSERT_EQ(e.media.size(), 1u);
  EXPECT_EQ(e.media[0].id, "1142783916502741");
}

TEST(WhatsappParserTest, DocumentKeepsItsCaption) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_document.json");
  EXPECT_EQ(e.content, ContentKind::kDocument);
  EXPECT_EQ(e.text, "My invoice");
  EXPECT_EQ(e.media[0].mime_type, "application/pdf");
}

TEST(WhatsappParserTest, LocationBecomesAReadableSummary) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_location.json");
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.content, ContentKind::kLocation);
  EXPECT_EQ(e.text, "[location: 37.46, -122.22 Meta HQ, 1 Hacker Way, Menlo Park, CA 94025]");
}

TEST(WhatsappParserTest, ButtonReplyGivesTitleAndIdAndQuotedMessage) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_button_reply.json");
  EXPECT_EQ(e.content, ContentKind::kButtonReply);
  EXPECT_EQ(e.text, "Talk to a person");
  EXPECT_EQ(e.payload, "talk_to_human");
  EXPECT_EQ(e.reply_to_message_id, kOurMessage);
}

TEST(WhatsappParserTest, ListReplyGivesRowTitleAndId) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_list_reply.json");
  EXPECT_EQ(e.content, ContentKind::kButtonReply);
  EXPECT_EQ(e.text, "Fri 3:00 pm");
  EXPECT_EQ(e.payload, "slot_2026-01-02T15:00");
}

TEST(WhatsappParserTest, TemplateQuickReplyIsAButtonReply) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_template_button.json");
  EXPECT_EQ(e.content, ContentKind::kButtonReply);
  EXPECT_EQ(e.text, "Confirm");
  EXPECT_EQ(e.payload, "CONFIRM_APPOINTMENT");
}

TEST(WhatsappParserTest, ReactionTargetsOurMessage) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_reaction.json");
  EXPECT_EQ(e.kind, EventKind::kReaction);
  EXPECT_EQ(e.target_message_id, kOurMessage);
  ASSERT_TRUE(e.reaction.has_value());
  EXPECT_EQ(e.reaction->emoji, "\xF0\x9F\x91\x8D");  // thumbs up, decoded from \ud83d\udc4d
  EXPECT_FALSE(e.reaction->removed);
}

TEST(WhatsappParserTest, ReactionWithoutEmojiIsARemoval) {
  std::string body = testing::ReadFixture("whatsapp/in_reaction.json");
  body.replace(body.find("\"emoji\""), std::string("\"emoji\"").size(), "\"old_emoji\"");
  const auto events = ParseCallback(kWa, body);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  ASSERT_TRUE(events->front().reaction.has_value());
  EXPECT_TRUE(events->front().reaction->removed);
}

TEST(WhatsappParserTest, StickerBecomesASummary) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_sticker.json");
  EXPECT_EQ(e.content, ContentKind::kSticker);
  EXPECT_EQ(e.text, "[sticker]");
}

TEST(WhatsappParserTest, OnlyTheCustomersOwnWordsCountAsWords) {
  struct Case {
    const char* fixture;
    bool has_words;
  };
  for (const Case& c :
       {Case{"whatsapp/in_text.json", true}, Case{"whatsapp/in_image.json", true},  // its caption
        Case{"whatsapp/in_document.json", true}, Case{"whatsapp/in_button_reply.json", true},
        Case{"whatsapp/in_list_reply.json", true}, Case{"whatsapp/in_template_button.json", true},
        Case{"whatsapp/in_audio_voice.json", false}, Case{"whatsapp/in_location.json", false},
        Case{"whatsapp/in_sticker.json", false}, Case{"whatsapp/in_unsupported.json", false}}) {
    EXPECT_EQ(OnlyEvent(kWa, c.fixture).has_words, c.has_words) << c.fixture;
  }
}

TEST(WhatsappParserTest, UnsupportedTypeIsAMessageWithItsError) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_unsupported.json");
  EXPECT_EQ(e.kind, EventKind::kMessage);  // the customer did write: the window opens
  EXPECT_EQ(e.content, ContentKind::kUnsupported);
  EXPECT_EQ(e.text, "[unsupported message]");
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->code, 131051);
  EXPECT_EQ(e.error->details, "Message type is currently not supported.");
}

TEST(WhatsappParserTest, QuotingTextNamesTheQuotedMessage) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_text_quoting.json");
  EXPECT_EQ(e.text, "And what about the red one?");
  EXPECT_EQ(e.reply_to_message_id, kOurMessage);
}

TEST(WhatsappParserTest, EditCarriesTheNewTextAndTheOriginal) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_edit.json");
  EXPECT_EQ(e.kind, EventKind::kEdit);
  EXPECT_EQ(e.target_message_id, kFirstMessage);
  EXPECT_EQ(e.text, "Hi, is the shop open tomorrow?");
  EXPECT_FALSE(e.echo.has_value());
}

TEST(WhatsappParserTest, RevokeIsADeleteOfTheOriginal) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_revoke.json");
  EXPECT_EQ(e.kind, EventKind::kDelete);
  EXPECT_EQ(e.target_message_id, kFirstMessage);
  EXPECT_EQ(e.customer_id, kCustomer);
}

TEST(WhatsappParserTest, EmptyWaIdFallsBackToTheBusinessScopedUserId) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/in_text_bsuid_contact.json");
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.customer_id, "US.13491208655302741918");
  EXPECT_EQ(e.customer_user_id, "US.13491208655302741918");
  EXPECT_EQ(e.customer_name, "Sheena Nelson");
}

TEST(WhatsappParserTest, StatusesFollowOurMessageThroughItsLifecycle) {
  struct Case {
    const char* fixture;
    ReceiptStatus status;
    std::int64_t seconds;
  };
  for (const Case& c :
       {Case{"whatsapp/status_sent.json", ReceiptStatus::kSent, 1767261612},
        Case{"whatsapp/status_delivered.json", ReceiptStatus::kDelivered, 1767261613},
        Case{"whatsapp/status_read.json", ReceiptStatus::kRead, 1767261650}}) {
    const InboundEvent e = OnlyEvent(kWa, c.fixture);
    EXPECT_EQ(e.kind, EventKind::kStatus) << c.fixture;
    ASSERT_TRUE(e.receipt.has_value()) << c.fixture;
    EXPECT_EQ(e.receipt->status, c.status) << c.fixture;
    EXPECT_EQ(e.target_message_id, kOurMessage) << c.fixture;
    EXPECT_EQ(e.customer_id, kCustomer) << c.fixture;
    EXPECT_EQ(e.at, Seconds(c.seconds)) << c.fixture;
    EXPECT_EQ(e.send_metadata, "ai:conv=8812;turn=3") << c.fixture;
    EXPECT_FALSE(e.error.has_value()) << c.fixture;
  }
  EXPECT_LT(ReceiptStatus::kSent, ReceiptStatus::kDelivered);
  EXPECT_LT(ReceiptStatus::kDelivered, ReceiptStatus::kRead);
}

TEST(WhatsappParserTest, FailedStatusCarriesWindowClosedError) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/status_failed_131047.json");
  ASSERT_TRUE(e.receipt.has_value());
  EXPECT_EQ(e.receipt->status, ReceiptStatus::kFailed);
  EXPECT_EQ(e.target_message_id, "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI0QjdFMkE5RDEwQzNGNjhFNTEA");
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->code, 131047);
  EXPECT_EQ(e.error->title, "Re-engagement message");
}

TEST(WhatsappParserTest, FailedStatusCarriesUndeliverableError) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/status_failed_131026.json");
  ASSERT_TRUE(e.receipt.has_value());
  EXPECT_EQ(e.receipt->status, ReceiptStatus::kFailed);
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->code, 131026);
  EXPECT_EQ(e.at, Seconds(1767262500));
}

TEST(WhatsappParserTest, ValueLevelErrorIsAnErrorEventOfTheAccount) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/value_error_130429.json");
  EXPECT_EQ(e.kind, EventKind::kError);
  EXPECT_EQ(e.account_id, kPhoneNumberId);
  EXPECT_TRUE(e.customer_id.empty());
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->code, 130429);
  EXPECT_EQ(e.text, "[whatsapp error: Rate limit hit]");
}

TEST(WhatsappParserTest, BusinessAppEchoIsTheOwnerWritingToTheCustomer) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/smb_echo_text.json");
  EXPECT_EQ(e.kind, EventKind::kEcho);
  EXPECT_EQ(e.account_id, kPhoneNumberId);
  EXPECT_EQ(e.customer_id, kCustomer);  // the recipient
  EXPECT_EQ(e.provider_message_id, kOwnerEcho);
  EXPECT_EQ(e.at, Seconds(1767261900));
  EXPECT_EQ(e.text, "Hi Sheena, it's Maria from the shop - yes, open until 8pm!");
  ASSERT_TRUE(e.echo.has_value());
  EXPECT_EQ(e.echo->source, EchoSource::kBusinessApp);
}

TEST(WhatsappParserTest, EchoRevokeIsABusinessDelete) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/smb_echo_revoke.json");
  EXPECT_EQ(e.kind, EventKind::kDelete);
  EXPECT_EQ(e.target_message_id, kOwnerEcho);
  ASSERT_TRUE(e.echo.has_value());
  EXPECT_EQ(e.echo->source, EchoSource::kBusinessApp);
}

TEST(WhatsappParserTest, EchoEditIsABusinessEditWithTheNewText) {
  const InboundEvent e = OnlyEvent(kWa, "whatsapp/smb_echo_edit.json");
  EXPECT_EQ(e.kind, EventKind::kEdit);
  EXPECT_EQ(e.target_message_id, kOwnerEcho);
  EXPECT_EQ(e.text, "Hi Sheena, it's Maria - open until 9pm today!");
  EXPECT_TRUE(e.echo.has_value());
}

TEST(WhatsappParserTest, EchoRecipientWithPlusAndSpacesIsNormalized) {
  std::string body = testing::ReadFixture("whatsapp/smb_echo_text.json");
  body.replace(body.find("\"to\": \"16505551234\""), std::string("\"to\": \"16505551234\"").size(),
               "\"to\": \"+1 650-555-1234\"");
  const auto events = ParseCallback(kWa, body);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().customer_id, kCustomer);
}

TEST(WhatsappParserTest, BatchYieldsEveryMessageAndEchoInOrder) {
  const auto events = ParseFixture(kWa, "whatsapp/batch_mixed.json");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, EventKind::kMessage);
  EXPECT_EQ(events[0].text, "Hi, is the shop open today?");
  EXPECT_EQ(events[1].kind, EventKind::kMessage);
  EXPECT_EQ(events[1].text, "I'd like to pick up an order");
  EXPECT_EQ(events[1].customer_name, "Sheena Nelson");
  EXPECT_EQ(events[2].kind, EventKind::kEcho);
  EXPECT_EQ(events[2].at, Seconds(1767261650));
  for (const InboundEvent& e : events) EXPECT_EQ(e.customer_id, kCustomer);
}

}  // namespace
}  // namespace channels
