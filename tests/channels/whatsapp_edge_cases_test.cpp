// WhatsApp payload shapes the reference mentions without an example, and malformed items.
#include <gtest/gtest.h>

#include <string>

#include "channels/callback.h"

namespace channels {
namespace {

constexpr core::Channel kWa = core::Channel::kWhatsapp;

// A "messages" change of the fixture account holding `messages` (a JSON array's contents).
std::string Envelope(const std::string& field, const std::string& value_members) {
  return R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[)"
         R"({"field":")" +
         field +
         R"(","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":)"
         R"("15550783881","phone_number_id":"106540352242922"},)" +
         value_members + "}}]}]}";
}

std::string Message(const std::string& type_and_body) {
  return Envelope("messages",
                  R"("messages":[{"from":"16505551234","id":"wamid.X1","timestamp":"1767261600",)" +
                      type_and_body + "}]");
}

std::vector<InboundEvent> Parse(const std::string& body) {
  auto events = ParseCallback(kWa, body);
  EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().message);
  return events.ok() ? std::move(events).value() : std::vector<InboundEvent>{};
}

InboundEvent Only(const std::string& body) {
  auto events = Parse(body);
  EXPECT_EQ(events.size(), 1u);
  return events.empty() ? InboundEvent{} : events.front();
}

TEST(WhatsappEdgeCaseTest, VideoWithoutCaptionIsSummarized) {
  const auto e = Only(Message(R"("type":"video","video":{"id":"77","mime_type":"video/mp4"})"));
  EXPECT_EQ(e.content, ContentKind::kVideo);
  EXPECT_EQ(e.text, "[video]");
  ASSERT_EQ(e.media.size(), 1u);
  EXPECT_EQ(e.media[0].id, "77");
}

TEST(WhatsappEdgeCaseTest, DocumentWithoutCaptionNamesTheFile) {
  const auto e = Only(Message(R"("type":"document","document":{"filename":"menu.pdf","id":"8"})"));
  EXPECT_EQ(e.text, "[document: menu.pdf]");
}

TEST(WhatsappEdgeCaseTest, ContactsListNamesAndNumbers) {
  const auto e =
      Only(Message(R"("type":"contacts","contacts":[{"name":{"formatted_name":"Ana Lopes"},)"
                   R"("phones":[{"phone":"+351 912 345 678","wa_id":"351912345678"}]},)"
                   R"({"name":{"formatted_name":"Rui"}}])"));
  EXPECT_EQ(e.content, ContentKind::kContacts);
  EXPECT_EQ(e.text, "[contacts: Ana Lopes +351 912 345 678; Rui]");
}

TEST(WhatsappEdgeCaseTest, LocationPinWithoutNameHasOnlyCoordinates) {
  const auto e =
      Only(Message(R"("type":"location","location":{"latitude":38.7223,"longitude":-9.1393})"));
  EXPECT_EQ(e.text, "[location: 38.72, -9.14]");
}

TEST(WhatsappEdgeCaseTest, FlowReplyIsAButtonReplyWithItsResponse) {
  const auto e =
      Only(Message(R"("type":"interactive","interactive":{"type":"nfm_reply","nfm_reply":)"
                   R"({"name":"flow","body":"Sent","response_json":"{\"size\":\"M\"}"}})"));
  EXPECT_EQ(e.content, ContentKind::kButtonReply);
  EXPECT_EQ(e.text, "Sent");
  EXPECT_EQ(e.payload, R"({"size":"M"})");
}

TEST(WhatsappEdgeCaseTest, UnknownTypeIsAnUnsupportedMessageNamingIt) {
  const auto e = Only(Message(R"("type":"order","order":{"catalog_id":"1","product_items":[]})"));
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.content, ContentKind::kUnsupported);
  EXPECT_EQ(e.text, "[unsupported message: order]");
}

TEST(WhatsappEdgeCaseTest, SystemNoticeIsNeverAMessage) {
  const auto e = Only(Message(
      R"("type":"system","system":{"body":"User changed number","type":"user_changed_number"})"));
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[whatsapp system: User changed number]");
}

TEST(WhatsappEdgeCaseTest, GroupMessageIsNeverAnswered) {
  const auto e = Only(Message(R"("group_id":"G1","type":"text","text":{"body":"hi all"})"));
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[whatsapp group message]");
}

TEST(WhatsappEdgeCaseTest, NumericTimestampIsAcceptedToo) {
  const auto e =
      Only(Envelope("smb_message_echoes",
                    R"("message_echoes":[{"from":"15550783881","to":"16505551234","id":"wamid.E",)"
                    R"("timestamp":1767261900,"type":"text","text":{"body":"ok"}}])"));
  EXPECT_EQ(e.kind, EventKind::kEcho);
  EXPECT_EQ(e.at, base::FromMillis(1767261900000));
}

TEST(WhatsappEdgeCaseTest, MessageWithoutIdOrTimestampIsUnsupportedNotDropped) {
  const auto events = Parse(Envelope(
      "messages",
      R"("messages":[{"from":"1","timestamp":"1767261600","type":"text","text":{"body":"a"}},)"
      R"({"from":"1","id":"wamid.Y","timestamp":"soon","type":"text","text":{"body":"b"}},)"
      R"({"from":"1","id":"wamid.Z","timestamp":"1767261600","type":"text","text":{"body":"c"}}])"));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, EventKind::kUnsupported);
  EXPECT_EQ(events[0].text, "[malformed whatsapp message: no id]");
  EXPECT_EQ(events[1].kind, EventKind::kUnsupported);
  EXPECT_EQ(events[1].text, "[malformed whatsapp message: no valid timestamp]");
  EXPECT_EQ(events[2].kind, EventKind::kMessage);
  EXPECT_EQ(events[2].text, "c");
}

TEST(WhatsappEdgeCaseTest, FieldsOfTheWrongTypeReadAsAbsent) {
  const auto e = Only(Message(R"("type":"text","text":{"body":42},"context":"nope")"));
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.text, "");
  EXPECT_EQ(e.reply_to_message_id, "");
}

TEST(WhatsappEdgeCaseTest, OtherFieldsAreUnsupportedEventsNamingThem) {
  const auto e = Only(Envelope("history", R"("history":[])"));
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[whatsapp field: history]");
  EXPECT_EQ(e.account_id, "106540352242922");
}

TEST(WhatsappEdgeCaseTest, PlayedVoiceMessageCountsAsRead) {
  const auto e = Only(Envelope(
      "messages", R"("statuses":[{"id":"wamid.S","status":"played","timestamp":"1767261700",)"
                  R"("recipient_id":"16505551234"}])"));
  ASSERT_TRUE(e.receipt.has_value());
  EXPECT_EQ(e.receipt->status, ReceiptStatus::kRead);
}

TEST(WhatsappEdgeCaseTest, UnknownStatusIsUnsupported) {
  const auto e = Only(Envelope(
      "messages", R"("statuses":[{"id":"wamid.S","status":"warped","timestamp":"1767261700",)"
                  R"("recipient_id":"16505551234"}])"));
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[whatsapp status: warped]");
}

TEST(WhatsappEdgeCaseTest, ChangeWithoutPhoneNumberIdCannotBeRouted) {
  const auto e = Only(
      R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",)"
      R"("value":{"messages":[{"from":"1","id":"wamid.A","timestamp":"1","type":"text",)"
      R"("text":{"body":"x"}}]}}]}]})");
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[malformed whatsapp message: no metadata.phone_number_id]");
}

}  // namespace
}  // namespace channels
