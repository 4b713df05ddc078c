#include "channels/sender.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixtures.h"

namespace channels {
namespace {

using nlohmann::json;
using testing::ReadFixture;

constexpr const char* kToken = "EAAGsecretSystemUserToken0123456789";

SendTarget Target(core::Channel channel, std::string recipient) {
  SendTarget target;
  target.channel = channel;
  target.api_version = "v25.0";
  target.account_id = channel == core::Channel::kWhatsapp ? "106540352242922" : "109876543210987";
  target.access_token = kToken;
  target.recipient_id = std::move(recipient);
  return target;
}

std::string HeaderValue(const OutboundRequest& request, std::string_view name) {
  for (const Header& header : request.headers) {
    if (header.name == name) return header.value;
  }
  return {};
}

TEST(SenderTest, WhatsappTextMatchesTheReferenceRequest) {
  OutgoingText text;
  text.text = "Yes! We're open until 8pm today.";
  text.metadata = "ai:conv=8812;turn=3";
  const auto request = BuildSend(Target(core::Channel::kWhatsapp, "16505551234"), text);
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_EQ(request->method, "POST");
  EXPECT_EQ(request->path, "/v25.0/106540352242922/messages");
  EXPECT_EQ(HeaderValue(*request, "Authorization"), std::string("Bearer ") + kToken);
  EXPECT_EQ(HeaderValue(*request, "Content-Type"), "application/json");
  EXPECT_EQ(json::parse(request->body), json::parse(ReadFixture("requests/whatsapp_text.json")));
  EXPECT_EQ(request->body.find(kToken), std::string::npos);
}

TEST(SenderTest, WhatsappReplyQuotesTheCustomerMessage) {
  OutgoingText text;
  text.text = "Yes";
  text.reply_to_message_id = "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
  const auto request = BuildSend(Target(core::Channel::kWhatsapp, "16505551234"), text);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(json::parse(request->body)["context"]["message_id"], text.reply_to_message_id);
}

TEST(SenderTest, MessengerResponseMatchesTheReferenceRequest) {
  OutgoingText text;
  text.text = "Yes! We're open until 8pm today.";
  text.metadata = "ai:conv=8812;turn=3";
  const auto request = BuildSend(Target(core::Channel::kMessenger, "7412589630147852"), text);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->path, "/v25.0/me/messages");
  EXPECT_EQ(HeaderValue(*request, "Authorization"), std::string("Bearer ") + kToken);
  EXPECT_EQ(json::parse(request->body),
            json::parse(ReadFixture("requests/messenger_response.json")));
}

TEST(SenderTest, MessengerHumanAgentTagMatchesTheReferenceRequest) {
  OutgoingText text;
  text.text = "Sorry for the wait - your order shipped this morning.";
  text.metadata = "human:agent=42";
  text.human_agent_tag = true;
  const auto request = BuildSend(Target(core::Channel::kMessenger, "7412589630147852"), text);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(json::parse(request->body),
            json::parse(ReadFixture("requests/messenger_human_agent.json")));
}

TEST(SenderTest, InstagramSendsToMeWithoutMetadata) {
  OutgoingText text;
  text.text = "Yes we do! Shipping is 5-7 days.";
  text.metadata = "ai:conv=1";
  const auto request = BuildSend(Target(core::Channel::kInstagram, "1284567890123456"), text);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->path, "/v25.0/me/messages");
  json expected = json::parse(ReadFixture("requests/instagram_text.json"));
  expected["messaging_type"] = "RESPONSE";
  EXPECT_EQ(json::parse(request->body), expected);
  text.human_agent_tag = true;
  const auto tagged = BuildSend(Target(core::Channel::kInstagram, "1284567890123456"), text);
  ASSERT_TRUE(tagged.ok());
  EXPECT_EQ(json::parse(tagged->body)["tag"], "HUMAN_AGENT");
  EXPECT_EQ(json::parse(tagged->body)["messaging_type"], "MESSAGE_TAG");
}

TEST(SenderTest, WhatsappTypingIndicatorMatchesTheReferenceRequest) {
  const auto request =
      BuildTypingIndicator(Target(core::Channel::kWhatsapp, "16505551234"),
                           "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(json::parse(request->body),
            json::parse(ReadFixture("requests/whatsapp_mark_read.json")));
  const auto messenger =
      BuildTypingIndicator(Target(core::Channel::kMessenger, "7412589630147852"), "");
  ASSERT_TRUE(messenger.ok());
  EXPECT_EQ(json::parse(messenger->body)["sender_action"], "typing_on");
}

TEST(SenderTest, MessengerAndInstagramMarkTheCustomersMessagesSeen) {
  for (core::Channel channel : {core::Channel::kMessenger, core::Channel::kInstagram}) {
    const auto request = BuildMarkSeen(Target(channel, "7412589630147852"));
    ASSERT_TRUE(request.ok()) << core::ToString(channel);
    EXPECT_EQ(request->path, "/v25.0/me/messages");
    EXPECT_EQ(
        json::parse(request->body),
        json::parse(R"({"recipient": {"id": "7412589630147852"}, "sender_action": "mark_seen"})"));
  }
  EXPECT_FALSE(BuildMarkSeen(Target(core::Channel::kWhatsapp, "16505551234")).ok());
}

TEST(SenderTest, InvalidRequestsAreRefusedWithoutRevealingSecretsOrText) {
  OutgoingText ok_text;
  ok_text.text = "hello secret-text";
  struct Case {
    const char* what;
    SendTarget target;
    OutgoingText text;
  };
  std::vector<Case> cases;
  auto add = [&](const char* what, auto&& change_target, auto&& change_text,
                 core::Channel channel = core::Channel::kWhatsapp) {
    Case c{what, Target(channel, "16505551234"), ok_text};
    change_target(c.target);
    change_text(c.text);
    cases.push_back(std::move(c));
  };
  const auto keep_target = [](SendTarget&) {};
  const auto keep_text = [](OutgoingText&) {};
  add("web", keep_target, keep_text, core::Channel::kWeb);
  add(
      "version", [](SendTarget& t) { t.api_version = "25"; }, keep_text);
  add(
      "path", [](SendTarget& t) { t.account_id = "../me"; }, keep_text);
  add(
      "no token", [](SendTarget& t) { t.access_token.clear(); }, keep_text);
  add(
      "header injection",
      [](SendTarget& t) { t.access_token = std::string(kToken) + "\r\nX-Evil: 1"; }, keep_text);
  add(
      "recipient", [](SendTarget& t) { t.recipient_id = "a\"b"; }, keep_text);
  add("blank", keep_target, [](OutgoingText& t) { t.text = " \n "; });
  add("too long", keep_target, [](OutgoingText& t) { t.text = std::string(4097, 'a'); });
  add("tag on whatsapp", keep_target, [](OutgoingText& t) { t.human_agent_tag = true; });
  add("metadata", keep_target, [](OutgoingText& t) { t.metadata = std::string(513, 'm'); });
  add(
      "instagram length", keep_target, [](OutgoingText& t) { t.text = std::string(1001, 'a'); },
      core::Channel::kInstagram);
  for (const Case& c : cases) {
    const auto request = BuildSend(c.target, c.text);
    ASSERT_FALSE(request.ok()) << c.what;
    EXPECT_EQ(request.error().code, base::ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(request.error().message.find("EAAG"), std::string::npos) << c.what;
    EXPECT_EQ(request.error().message.find("secret-text"), std::string::npos) << c.what;
  }
}

TEST(SenderTest, TextAtTheLimitIsAccepted) {
  OutgoingText text;
  text.text = std::string(2000, 'a');
  EXPECT_TRUE(BuildSend(Target(core::Channel::kMessenger, "7412589630147852"), text).ok());
  text.text += "a";
  EXPECT_FALSE(BuildSend(Target(core::Channel::kMessenger, "7412589630147852"), text).ok());
}

TEST(SenderTest, InvalidUtf8IsReplacedNotThrown) {
  OutgoingText text;
  text.text = "caf\xC3";
  const auto request = BuildSend(Target(core::Channel::kWhatsapp, "16505551234"), text);
  ASSERT_TRUE(request.ok());
  EXPECT_TRUE(json::accept(request->body));
}

}  // namespace
}  // namespace channels
