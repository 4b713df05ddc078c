// Messenger and Instagram shapes the reference mentions without an example, and malformed items.
#include <gtest/gtest.h>

#include <string>

#include "channels/callback.h"
#include "channels/echo.h"

namespace channels {
namespace {

constexpr core::Channel kFb = core::Channel::kMessenger;
constexpr core::Channel kIg = core::Channel::kInstagram;

// A Page entry holding one messaging item with `members` after sender, recipient and timestamp.
std::string Item(const std::string& members, const std::string& object = "page") {
  return R"({"object":")" + object +
         R"(","entry":[{"id":"109876543210987","time":1767261600500,"messaging":[)"
         R"({"sender":{"id":"7412589630147852"},"recipient":{"id":"109876543210987"},)"
         R"("timestamp":1767261600000,)" +
         members + "}]}]}";
}

std::vector<InboundEvent> Parse(core::Channel channel, const std::string& body) {
  auto events = ParseCallback(channel, body);
  EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().message);
  return events.ok() ? std::move(events).value() : std::vector<InboundEvent>{};
}

InboundEvent Only(const std::string& body, core::Channel channel = kFb) {
  auto events = Parse(channel, body);
  EXPECT_EQ(events.size(), 1u);
  return events.empty() ? InboundEvent{} : events.front();
}

TEST(MessengerEdgeCaseTest, UnreactIsARemoval) {
  const auto e = Only(Item(R"("reaction":{"mid":"m_1","action":"unreact","reaction":"love"})"));
  ASSERT_TRUE(e.reaction.has_value());
  EXPECT_TRUE(e.reaction->removed);
  EXPECT_EQ(e.text, "[reaction removed]");
}

TEST(MessengerEdgeCaseTest, MessageEditCarriesTheNewText) {
  const auto e = Only(Item(R"("message_edit":{"mid":"m_1","text":"new text","num_edit":1})"));
  EXPECT_EQ(e.kind, EventKind::kEdit);
  EXPECT_EQ(e.target_message_id, "m_1");
  EXPECT_EQ(e.text, "new text");
}

TEST(MessengerEdgeCaseTest, StickerSentTwiceDuringTheTransitionIsOneSticker) {
  const auto e = Only(Item(
      R"("message":{"mid":"m_2","attachments":[{"type":"image","payload":{"url":"u",)"
      R"("sticker_id":369239263222822}},{"type":"sticker","payload":{"sticker_id":369239263222822}}]})"));
  EXPECT_EQ(e.content, ContentKind::kSticker);
  EXPECT_EQ(e.text, "[sticker]");
}

TEST(MessengerEdgeCaseTest, TextWithAttachmentsKeepsTheTextAndEveryFile) {
  const auto e = Only(
      Item(R"("message":{"mid":"m_3","text":"This one?","attachments":[{"type":"video","payload":)"
           R"({"url":"v"}},{"type":"file","payload":{"url":"f"}}]})"));
  EXPECT_EQ(e.content, ContentKind::kVideo);
  EXPECT_EQ(e.text, "This one? [video] [document]");
  // Every file of the message is kept, in order: a person sees them all.
  ASSERT_EQ(e.media.size(), 2u);
  EXPECT_EQ(e.media[0].id, "v");
  EXPECT_EQ(e.media[0].kind, ContentKind::kVideo);
  EXPECT_EQ(e.media[1].id, "f");
  EXPECT_EQ(e.media[1].kind, ContentKind::kDocument);
}

TEST(MessengerEdgeCaseTest, LegacyLocationAndLinkAttachmentsAreSummarized) {
  const auto location =
      Only(Item(R"("message":{"mid":"m_4","attachments":[{"type":"location","title":"Lisbon",)"
                R"("payload":{"coordinates":{"lat":38.7223,"long":-9.1393}}}]})"));
  EXPECT_EQ(location.content, ContentKind::kLocation);
  EXPECT_EQ(location.text, "[location: 38.72, -9.14 Lisbon]");
  const auto link =
      Only(Item(R"("message":{"mid":"m_5","attachments":[{"type":"fallback","payload":)"
                R"({"url":"https://x.example","title":"Our new range"}}]})"));
  EXPECT_EQ(link.content, ContentKind::kShare);
  EXPECT_EQ(link.text, "[link: Our new range]");
}

TEST(MessengerEdgeCaseTest, UnknownAttachmentIsUnsupportedNamingIt) {
  const auto e = Only(Item(R"("message":{"mid":"m_6","attachments":[{"type":"hologram"}]})"));
  EXPECT_EQ(e.content, ContentKind::kUnsupported);
  EXPECT_EQ(e.text, "[unsupported attachment: hologram]");
}

TEST(MessengerEdgeCaseTest, InstagramUnsupportedMediaIsSummarized) {
  const auto e = Only(Item(R"("message":{"mid":"m_7","is_unsupported":true})", "instagram"), kIg);
  EXPECT_EQ(e.kind, EventKind::kMessage);
  EXPECT_EQ(e.content, ContentKind::kUnsupported);
  EXPECT_EQ(e.text, "[unsupported message]");
}

TEST(MessengerEdgeCaseTest, EchoFromAnotherAppIsAnotherTool) {
  std::string body =
      Item(R"("message":{"mid":"m_8","is_echo":true,"app_id":"999000111","text":"From our CRM"})");
  // In an echo the Page sends: swap the parties.
  body.replace(body.find("\"sender\":{\"id\":\"7412589630147852\"}"),
               std::string("\"sender\":{\"id\":\"7412589630147852\"}").size(),
               "\"sender\":{\"id\":\"109876543210987\"}");
  body.replace(body.find("\"recipient\":{\"id\":\"109876543210987\"}"),
               std::string("\"recipient\":{\"id\":\"109876543210987\"}").size(),
               "\"recipient\":{\"id\":\"7412589630147852\"}");
  const auto e = Only(body);
  EXPECT_EQ(e.kind, EventKind::kEcho);
  EXPECT_EQ(e.customer_id, "7412589630147852");
  ASSERT_TRUE(e.echo.has_value());
  EXPECT_EQ(e.echo->source, EchoSource::kApp);
  EXPECT_EQ(e.echo->app_id, "999000111");
  EXPECT_EQ(ClassifyEcho(*e.echo, "1517776481860111", false), EchoOrigin::kOtherApp);
}

TEST(MessengerEdgeCaseTest, DeliveryOfSeveralMessagesIsOneStatusEach) {
  const auto events =
      Parse(kFb, Item(R"("delivery":{"mids":["m_a","m_b"],"watermark":1767261600000})"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].target_message_id, "m_a");
  EXPECT_EQ(events[1].target_message_id, "m_b");
  EXPECT_NE(DedupeKey(events[0]), DedupeKey(events[1]));
}

TEST(MessengerEdgeCaseTest, ReceiptWithNeitherMidsNorWatermarkIsUnsupported) {
  const auto e = Only(Item(R"("delivery":{})"));
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_FALSE(e.receipt.has_value());
}

TEST(MessengerEdgeCaseTest, UnknownEventIsUnsupportedNamingIt) {
  const auto e = Only(Item(R"("optin":{"type":"notification_messages"})"));
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[messenger event: optin]");
  EXPECT_EQ(e.customer_id, "7412589630147852");
}

TEST(MessengerEdgeCaseTest, ItemWithoutTimestampIsUnsupported) {
  const auto e = Only(R"({"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},)"
                      R"("recipient":{"id":"1"},"message":{"mid":"m_9","text":"hi"}}]}]})");
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[messenger event: malformed message]");
}

TEST(MessengerEdgeCaseTest, MessageWithoutMidIsUnsupported) {
  const auto e = Only(Item(R"("message":{"text":"hi"})"));
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[messenger message: no mid]");
}

TEST(MessengerEdgeCaseTest, PageFeedChangesAreUnsupportedNamingTheField) {
  const auto e = Only(R"({"object":"page","entry":[{"id":"1","time":1,"changes":[{"field":"feed",)"
                      R"("value":{"item":"comment"}}]}]})");
  EXPECT_EQ(e.kind, EventKind::kUnsupported);
  EXPECT_EQ(e.text, "[messenger field: feed]");
}

TEST(MessengerEdgeCaseTest, BatchOfEntriesAndItemsKeepsPayloadOrder) {
  const auto events =
      Parse(kFb, R"({"object":"page","entry":[)"
                 R"({"id":"1","time":1,"messaging":[)"
                 R"({"sender":{"id":"2"},"recipient":{"id":"1"},"timestamp":1767261600000,)"
                 R"("message":{"mid":"m_a","text":"a"}},)"
                 R"({"sender":{"id":"2"},"recipient":{"id":"1"},"timestamp":1767261600001,)"
                 R"("message":{"mid":"m_b","text":"b"}}]},)"
                 R"({"id":"3","time":1,"standby":[)"
                 R"({"sender":{"id":"4"},"recipient":{"id":"3"},"timestamp":1767261600002,)"
                 R"("message":{"mid":"m_c","text":"c"}}]}]})");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].text, "a");
  EXPECT_EQ(events[1].text, "b");
  EXPECT_EQ(events[2].text, "c");
  EXPECT_EQ(events[2].account_id, "3");
  EXPECT_TRUE(events[2].standby);
}

}  // namespace
}  // namespace channels
