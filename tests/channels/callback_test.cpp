#include "channels/callback.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "fixtures.h"

namespace channels {
namespace {

using testing::DataDir;
using testing::ReadFixture;

void ExpectInvalid(core::Channel channel, std::string_view body, std::string_view message) {
  const auto events = ParseCallback(channel, body);
  ASSERT_FALSE(events.ok()) << body;
  EXPECT_EQ(events.error().code, base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(events.error().message, message);
}

TEST(CallbackTest, MalformedJsonIsInvalidArgument) {
  ExpectInvalid(core::Channel::kWhatsapp, "{\"object\":", "callback body is not valid JSON");
  ExpectInvalid(core::Channel::kWhatsapp, "", "callback body is not valid JSON");
  ExpectInvalid(core::Channel::kMessenger, "[1,2]", "callback body is not a JSON object");
}

TEST(CallbackTest, WrongObjectIsInvalidArgumentNamingBoth) {
  ExpectInvalid(core::Channel::kMessenger, ReadFixture("instagram/in_text.json"),
                "callback for messenger expects object \"page\", got \"instagram\"");
  ExpectInvalid(core::Channel::kWhatsapp, R"({"object":"<script>","entry":[]})",
                "callback for whatsapp expects object \"whatsapp_business_account\", got an "
                "unknown object");
  ExpectInvalid(core::Channel::kInstagram, R"({"entry":[]})",
                "callback for instagram expects object \"instagram\", got an unknown object");
}

TEST(CallbackTest, WebChatHasNoWebhook) {
  ExpectInvalid(core::Channel::kWeb, ReadFixture("whatsapp/in_text.json"),
                "web has no Meta callbacks");
}

TEST(CallbackTest, MissingEntryArrayIsInvalidArgument) {
  ExpectInvalid(core::Channel::kMessenger, R"({"object":"page","entry":{}})",
                "callback body has no entry array");
}

TEST(CallbackTest, EmptyEntryArrayHasNoEvents) {
  const auto events = ParseCallback(core::Channel::kMessenger, R"({"object":"page","entry":[]})");
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());
}

TEST(CallbackTest, NonObjectEntryIsAnUnsupportedEvent) {
  const auto events = ParseCallback(core::Channel::kWhatsapp,
                                    R"({"object":"whatsapp_business_account","entry":[7]})");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().kind, EventKind::kUnsupported);
}

TEST(CallbackTest, UnknownFieldsAreIgnored) {
  std::string body = ReadFixture("messenger/in_text.json");
  body.insert(body.find("\"message\""), R"("future_field":{"x":[1,{"y":null}]},)");
  const auto events = ParseCallback(core::Channel::kMessenger, body);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().text, "Store pickup");
}

TEST(CallbackTest, DeepNestingIsHandledWithoutCrashing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto body = R"({"object":"page","entry":[{"id":"1","messaging":[)" + deep + "]}]}";
  const auto events = ParseCallback(core::Channel::kMessenger, body);
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());
}

TEST(CallbackTest, DetectChannelReadsTheObject) {
  EXPECT_EQ(DetectChannel(ReadFixture("whatsapp/in_text.json")).value(), core::Channel::kWhatsapp);
  EXPECT_EQ(DetectChannel(ReadFixture("messenger/in_text.json")).value(),
            core::Channel::kMessenger);
  EXPECT_EQ(DetectChannel(ReadFixture("instagram/in_text.json")).value(),
            core::Channel::kInstagram);
  EXPECT_FALSE(DetectChannel(R"({"object":"user"})").ok());
  EXPECT_FALSE(DetectChannel("not json").ok());
}

// Every fixture of a channel folder parses, yields events, and only the fixtures that are about
// unsupported things yield kUnsupported.
TEST(CallbackTest, EveryFixtureParsesIntoEvents) {
  const std::set<std::string> expected_unsupported = {"app_roles.json"};
  const std::pair<const char*, core::Channel> folders[] = {
      {"whatsapp", core::Channel::kWhatsapp},
      {"messenger", core::Channel::kMessenger},
      {"instagram", core::Channel::kInstagram}};
  int fixtures = 0;
  for (const auto& [folder, channel] : folders) {
    for (const auto& file : std::filesystem::directory_iterator(DataDir() / folder)) {
      ++fixtures;
      const std::string name = file.path().filename().string();
      const auto events = ParseCallback(channel, ReadFixture(std::string(folder) + "/" + name));
      ASSERT_TRUE(events.ok()) << name;
      ASSERT_FALSE(events->empty()) << name;
      for (const InboundEvent& e : *events) {
        EXPECT_EQ(e.channel, channel) << name;
        EXPECT_EQ(e.kind == EventKind::kUnsupported, expected_unsupported.count(name) == 1)
            << folder << "/" << name << ": " << e.text;
        EXPECT_FALSE(e.account_id.empty()) << name;
      }
    }
  }
  EXPECT_GE(fixtures, 45);
}

TEST(CallbackTest, DuplicateDeliveryGivesTheSameDedupeKeys) {
  const std::string body = ReadFixture("whatsapp/batch_mixed.json");
  const auto first = ParseCallback(core::Channel::kWhatsapp, body);
  const auto again = ParseCallback(core::Channel::kWhatsapp, body);
  ASSERT_TRUE(first.ok() && again.ok());
  ASSERT_EQ(first->size(), again->size());
  std::set<std::string> keys;
  for (std::size_t i = 0; i < first->size(); ++i) {
    EXPECT_EQ(DedupeKey((*first)[i]), DedupeKey((*again)[i]));
    keys.insert(DedupeKey((*first)[i]));
  }
  EXPECT_EQ(keys.size(), first->size());
}

}  // namespace
}  // namespace channels
