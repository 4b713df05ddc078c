#include "channels/handshake.h"

#include <gtest/gtest.h>

#include "channels/query_string.h"
#include "fixtures.h"

namespace channels {
namespace {

constexpr const char* kToken = "my-verify-token";

TEST(HandshakeTest, ReferenceRequestIsAnsweredWithTheChallenge) {
  const std::string query = testing::ReadFixture("handshake/subscribe.txt");
  EXPECT_EQ(VerifyHandshake(query, kToken), "1158201444");
  EXPECT_EQ(VerifyHandshake("?" + query, kToken), "1158201444");
}

TEST(HandshakeTest, WrongOrUnconfiguredTokenIsRefused) {
  const std::string query = testing::ReadFixture("handshake/subscribe.txt");
  EXPECT_EQ(VerifyHandshake(query, "my-verify-tokeN"), std::nullopt);
  EXPECT_EQ(VerifyHandshake(query, "my-verify-token-longer"), std::nullopt);
  EXPECT_EQ(VerifyHandshake(query, ""), std::nullopt);
  EXPECT_EQ(VerifyHandshake("hub.mode=subscribe&hub.challenge=1&hub.verify_token=", ""),
            std::nullopt);
}

TEST(HandshakeTest, ParametersArePercentDecoded) {
  EXPECT_EQ(VerifyHandshake("hub.verify_token=s%C3%A9cret+token%26x&hub.mode=subscribe&"
                            "hub.challenge=abc%2D1",
                            "s\xC3\xA9"
                            "cret token&x"),
            "abc-1");
}

TEST(HandshakeTest, MissingRepeatedOrWrongParametersAreRefused) {
  for (const char* query : {
           "hub.challenge=1&hub.verify_token=my-verify-token",
           "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=my-verify-token",
           "hub.mode=subscribe&hub.verify_token=my-verify-token",
           "hub.mode=subscribe&hub.challenge=&hub.verify_token=my-verify-token",
           "hub.mode=subscribe&hub.challenge=1",
           "hub_mode=subscribe&hub_challenge=1&hub_verify_token=my-verify-token",
           "hub.mode=subscribe&hub.challenge=1&hub.challenge=2&hub.verify_token=my-verify-token",
           "hub.mode=subscribe&hub.challenge=1&hub.verify_token=my-verify-token%zz",
           "hub.mode=subscribe&hub.challenge=1%0A2&hub.verify_token=my-verify-token",
           "",
       }) {
    EXPECT_EQ(VerifyHandshake(query, kToken), std::nullopt) << query;
  }
}

TEST(HandshakeTest, OverlongChallengeIsRefused) {
  const std::string base = "hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=";
  EXPECT_TRUE(VerifyHandshake(base + std::string(kMaxChallengeLength, '7'), kToken).has_value());
  EXPECT_FALSE(VerifyHandshake(base + std::string(kMaxChallengeLength + 1, '7'), kToken));
}

TEST(HandshakeTest, ParsedHandshakeCanBeTriedAgainstSeveralTokens) {
  const auto handshake = ParseHandshake(testing::ReadFixture("handshake/subscribe.txt"));
  ASSERT_TRUE(handshake.has_value());
  EXPECT_EQ(AnswerHandshake(*handshake, "other-account-token"), std::nullopt);
  EXPECT_EQ(AnswerHandshake(*handshake, kToken), "1158201444");
}

TEST(QueryStringTest, KeepsOrderDotsAndEmptyValues) {
  const auto parameters = ParseQuery("a.b=1&&flag&c=x+y%21");
  ASSERT_TRUE(parameters.has_value());
  ASSERT_EQ(parameters->size(), 3u);
  EXPECT_EQ((*parameters)[0].name, "a.b");
  EXPECT_EQ((*parameters)[0].value, "1");
  EXPECT_EQ((*parameters)[1].name, "flag");
  EXPECT_EQ((*parameters)[1].value, "");
  EXPECT_EQ((*parameters)[2].value, "x y!");
  EXPECT_FALSE(ParseQuery("a=%4").has_value());
  EXPECT_FALSE(ParseQuery("a=%").has_value());
}

}  // namespace
}  // namespace channels
