#include "channels/send_outcome.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "fixtures.h"

namespace channels {
namespace {

using namespace std::chrono_literals;
using testing::ReadFixture;

constexpr core::Channel kWa = core::Channel::kWhatsapp;
constexpr core::Channel kFb = core::Channel::kMessenger;
constexpr core::Channel kIg = core::Channel::kInstagram;

std::string GraphError(std::int64_t code, std::int64_t subcode = 0) {
  std::string body = R"({"error":{"message":"(#)" + std::to_string(code) +
                     R"() something","type":"OAuthException","code":)" + std::to_string(code);
  if (subcode != 0) body += R"(,"error_subcode":)" + std::to_string(subcode);
  return body + R"(,"fbtrace_id":"Ab"}})";
}

TEST(SendOutcomeTest, SuccessNamesTheProviderMessageId) {
  const auto wa = ClassifyResponse(kWa, 200, ReadFixture("responses/whatsapp_sent.json"));
  EXPECT_EQ(wa.result, SendResult::kSent);
  EXPECT_EQ(wa.reason, FailureReason::kNone);
  EXPECT_EQ(wa.provider_message_id, "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIyRjBEOEE2QzQxQjNFOTU3N0EA");
  const auto fb = ClassifyResponse(kFb, 200, ReadFixture("responses/messenger_sent.json"));
  EXPECT_EQ(fb.result, SendResult::kSent);
  EXPECT_EQ(fb.provider_message_id,
            "m_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3Ab4Cd5Ef6Gh7Ij8Kl9Mn0Op1Qr2St3Uv4Wx5Yz6");
  const auto ig = ClassifyResponse(kIg, 200, R"({"recipient_id":"1","message_id":"aWdf1"})");
  EXPECT_EQ(ig.provider_message_id, "aWdf1");
  const auto typing = ClassifyResponse(kWa, 200, ReadFixture("responses/whatsapp_success.json"));
  EXPECT_EQ(typing.result, SendResult::kSent);
  EXPECT_TRUE(typing.provider_message_id.empty());
}

TEST(SendOutcomeTest, AcceptedWithoutIdIsNeverRetried) {
  const auto outcome = ClassifyResponse(kWa, 200, R"({"messaging_product":"whatsapp"})");
  EXPECT_EQ(outcome.result, SendResult::kPermanent);
  EXPECT_EQ(outcome.reason, FailureReason::kUnexpectedResponse);
  // A Messenger-shaped id does not count on WhatsApp.
  EXPECT_EQ(ClassifyResponse(kWa, 200, R"({"message_id":"m_1"})").result, SendResult::kPermanent);
}

TEST(SendOutcomeTest, ReferenceErrorBodiesAreClassified) {
  const auto window =
      ClassifyResponse(kWa, 400, ReadFixture("responses/whatsapp_error_131047.json"));
  EXPECT_EQ(window.result, SendResult::kPermanent);
  EXPECT_EQ(window.reason, FailureReason::kWindowClosed);
  EXPECT_EQ(window.error_code, 131047);
  EXPECT_EQ(window.error_text,
            "(#131047) Re-engagement message: Message failed to send because more than 24 hours "
            "have passed since the customer last replied to this number.");
  const auto pair = ClassifyResponse(kWa, 400, ReadFixture("responses/whatsapp_error_131056.json"));
  EXPECT_EQ(pair.result, SendResult::kRetryable);
  EXPECT_EQ(pair.reason, FailureReason::kPairRateLimited);
  EXPECT_GE(pair.retry_after, base::Duration{6s});
  const auto throughput =
      ClassifyResponse(kWa, 429, ReadFixture("responses/whatsapp_error_130429.json"));
  EXPECT_EQ(throughput.result, SendResult::kRetryable);
  EXPECT_EQ(throughput.reason, FailureReason::kRateLimited);
  EXPECT_LT(throughput.retry_after, pair.retry_after);
  const auto messenger_window =
      ClassifyResponse(kFb, 400, ReadFixture("responses/messenger_error_10_2018278.json"));
  EXPECT_EQ(messenger_window.result, SendResult::kPermanent);
  EXPECT_EQ(messenger_window.reason, FailureReason::kWindowClosed);
  EXPECT_EQ(messenger_window.error_subcode, 2018278);
}

TEST(SendOutcomeTest, ErrorCodesFollowTheReferenceTables) {
  struct Case {
    core::Channel channel;
    int http;
    std::int64_t code;
    std::int64_t subcode;
    SendResult result;
    FailureReason reason;
  };
  using R = SendResult;
  using F = FailureReason;
  const Case cases[] = {
      {kWa, 400, 131047, 0, R::kPermanent, F::kWindowClosed},
      {kWa, 400, 470, 0, R::kPermanent, F::kWindowClosed},
      {kWa, 429, 130429, 0, R::kRetryable, F::kRateLimited},
      {kWa, 400, 131056, 0, R::kRetryable, F::kPairRateLimited},
      {kWa, 400, 131026, 0, R::kPermanent, F::kRecipientUnavailable},
      {kWa, 400, 131048, 0, R::kPermanent, F::kPolicy},
      {kWa, 400, 131049, 0, R::kPermanent, F::kPolicy},
      {kWa, 400, 131051, 0, R::kPermanent, F::kInvalidRequest},
      {kWa, 500, 131000, 0, R::kRetryable, F::kTemporary},
      {kWa, 400, 131062, 0, R::kPermanent, F::kInvalidRequest},
      {kWa, 400, 132000, 0, R::kPermanent, F::kInvalidRequest},
      {kWa, 400, 132001, 0, R::kPermanent, F::kInvalidRequest},
      {kWa, 400, 100, 0, R::kPermanent, F::kInvalidRequest},
      {kWa, 401, 190, 0, R::kTokenInvalid, F::kAuthentication},
      {kWa, 400, 190, 0, R::kTokenInvalid, F::kAuthentication},
      {kWa, 401, 0, 0, R::kTokenInvalid, F::kAuthentication},
      {kWa, 403, 10, 0, R::kTokenInvalid, F::kPermission},
      {kWa, 403, 200, 0, R::kTokenInvalid, F::kPermission},
      {kWa, 403, 299, 0, R::kTokenInvalid, F::kPermission},
      {kWa, 429, 4, 0, R::kRetryable, F::kRateLimited},
      {kWa, 429, 80007, 0, R::kRetryable, F::kRateLimited},
      {kWa, 400, 368, 0, R::kPermanent, F::kPolicy},
      {kWa, 503, 2, 0, R::kRetryable, F::kTemporary},
      {kWa, 400, 1, 0, R::kRetryable, F::kTemporary},
      {kFb, 400, 10, 2018278, R::kPermanent, F::kWindowClosed},
      {kIg, 400, 10, 2534022, R::kPermanent, F::kWindowClosed},
      {kFb, 400, 10, 1893063, R::kPermanent, F::kPolicy},
      {kFb, 400, 551, 1545041, R::kPermanent, F::kRecipientUnavailable},
      {kFb, 400, 613, 0, R::kRetryable, F::kRateLimited},
      {kFb, 400, 17, 0, R::kRetryable, F::kRateLimited},
      {kFb, 400, 32, 0, R::kRetryable, F::kRateLimited},
      {kFb, 400, 100, 2018001, R::kPermanent, F::kRecipientUnavailable},
      {kFb, 400, 190, 0, R::kTokenInvalid, F::kAuthentication},
      {kFb, 403, 230, 0, R::kTokenInvalid, F::kPermission},
      {kFb, 500, 2, 0, R::kRetryable, F::kTemporary},
      {kFb, 400, 999999, 0, R::kPermanent, F::kUnknown},
      {kFb, 500, 999999, 0, R::kRetryable, F::kTemporary},
  };
  for (const Case& c : cases) {
    const auto outcome = ClassifyResponse(c.channel, c.http, GraphError(c.code, c.subcode));
    EXPECT_EQ(outcome.result, c.result) << c.code << "/" << c.subcode << " " << ToString(c.result)
                                        << " got " << ToString(outcome.result);
    EXPECT_EQ(outcome.reason, c.reason) << c.code << "/" << c.subcode << " " << ToString(c.reason)
                                        << " got " << ToString(outcome.reason);
    EXPECT_EQ(outcome.error_code, c.code);
    EXPECT_FALSE(outcome.error_text.empty());
  }
}

TEST(SendOutcomeTest, WithoutAnErrorBodyTheHttpStatusDecides) {
  struct Case {
    int http;
    SendResult result;
  };
  for (const Case& c : {Case{500, SendResult::kRetryable}, Case{502, SendResult::kRetryable},
                        Case{503, SendResult::kRetryable}, Case{408, SendResult::kRetryable},
                        Case{429, SendResult::kRetryable}, Case{401, SendResult::kTokenInvalid},
                        Case{404, SendResult::kPermanent}, Case{400, SendResult::kPermanent}}) {
    const auto outcome = ClassifyResponse(kWa, c.http, "<html>Bad Gateway</html>");
    EXPECT_EQ(outcome.result, c.result) << c.http;
    EXPECT_EQ(outcome.error_text, "HTTP " + std::to_string(c.http));
  }
}

TEST(SendOutcomeTest, ErrorTextNeverCarriesAToken) {
  const auto outcome = ClassifyResponse(
      kFb, 400,
      R"({"error":{"message":"Malformed access token EAAGm0PX4ZCpsBAKZCabcdef123456 here",)"
      R"("code":190}})");
  EXPECT_EQ(outcome.error_text, "Malformed access token [redacted] here");
}

TEST(SendOutcomeTest, ErrorTextNeverCarriesTheRequestsTokenWhateverItsShape) {
  const auto outcome = ClassifyResponse(
      kWa, 401,
      R"({"error":{"message":"Invalid OAuth access token: tok.3!x-9, again tok.3!x-9","code":190,)"
      R"("error_data":{"details":"token=tok.3!x-9"}}})",
      "tok.3!x-9");
  EXPECT_EQ(outcome.result, SendResult::kTokenInvalid);
  EXPECT_EQ(outcome.error_text,
            "Invalid OAuth access token: [redacted], again [redacted]: token=[redacted]");
}

TEST(SendOutcomeTest, ErrorTextIsCapped) {
  const std::string body =
      R"({"error":{"message":")" + std::string(2000, 'x') + R"(","code":100}})";
  EXPECT_LE(ClassifyResponse(kWa, 400, body).error_text.size(), 500u);
}

TEST(SendOutcomeTest, WebChatIsNeverAGraphSend) {
  EXPECT_EQ(ClassifyResponse(core::Channel::kWeb, 200, R"({"message_id":"x"})").result,
            SendResult::kPermanent);
}

}  // namespace
}  // namespace channels
