// The language model's problem as the CRM reads it (GET .../llm-status) through `frontdesk serve`:
// shown while the model fails, gone once it answers again, and only to workspaces whose agent
// thinks with it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/llm_server.h"
#include "testing/fixture.h"

namespace e2e {
namespace {

using testing_support::LlmAnswer;
using testing_support::ReadFixture;

constexpr core::Channel kWhatsapp = core::Channel::kWhatsapp;
constexpr const char* kCustomer = "16505550177";

TEST(LlmStatusE2eTest, TheOwnerSeesTheModelsProblemUntilItAnswersAgain) {
  LlmServer server;
  ASSERT_TRUE(server.Start());
  Answer status = server.Api("GET", "/llm-status");
  ASSERT_EQ(status.status, 200) << status.raw;
  EXPECT_EQ(status.body["brain"], "llm");
  EXPECT_TRUE(status.body["problem"].is_null());

  server.model().Script(
      LlmAnswer{.status = 401, .body = ReadFixture("llm/openai-401-bad-key.json")});
  ASSERT_EQ(server.CustomerWrites(kWhatsapp, kCustomer, "how much is the stoneware mug?"), 200);
  ASSERT_TRUE(server.WaitForSent(kCustomer, 1)) << server.Describe(kWhatsapp, kCustomer);
  status = server.Api("GET", "/llm-status");
  ASSERT_EQ(status.status, 200) << status.raw;
  EXPECT_EQ(status.body["problem"]["reason"], "bad_key");
  EXPECT_EQ(status.body["problem"]["needs_owner"], true);
  EXPECT_TRUE(status.body["problem"]["since"].is_string());
  EXPECT_THAT(status.raw, ::testing::Not(::testing::HasSubstr("sk-")));  // no key, no provider text

  // A workspace whose agent is local never shows the model's problem.
  ASSERT_EQ(server.Api("PATCH", "/config/draft", {{"brain", "local"}}).status, 200);
  ASSERT_EQ(server.Api("POST", "/config/publish").status, 200);
  status = server.Api("GET", "/llm-status");
  EXPECT_EQ(status.body["brain"], "local");
  EXPECT_TRUE(status.body["problem"].is_null());
}

}  // namespace
}  // namespace e2e
