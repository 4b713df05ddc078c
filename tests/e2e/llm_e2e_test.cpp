// The llm brain through `frontdesk serve`: a workspace whose agent thinks with `llm` is answered
// by the instance's model (a fake OpenAI-compatible server on loopback, configured by
// FRONTDESK_LLM_*), with the key from the variable the configuration names; a workspace that
// stays `local` never reaches the model; a model that fails leaves the customer answered.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/crm_server.h"
#include "testing/fake_llm.h"

namespace e2e {
namespace {

using nlohmann::json;
using testing_support::ContentAnswer;
using testing_support::FakeLlm;
using testing_support::LlmAnswer;
using testing_support::LlmCall;

constexpr const char* kLlmAgent =
    "[agent]\ngreeting = \"Hi!\"\nworkflow = \"handoff_to_human\"\nbrain = \"llm\"\n";

class LlmE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(llm_.started());
    CrmServerOptions options;
    options.env = {{"FRONTDESK_LLM_BASE_URL", llm_.base_url()},
                   {"FRONTDESK_LLM_MODEL", "fake-model"},
                   {"FRONTDESK_LLM_OUTPUT", "structured"},
                   {"FRONTDESK_LLM_API_KEY_ENV", "SHOP_LLM_KEY"},
                   {"SHOP_LLM_KEY", "sk-e2e-secret"}};
    options.capture_log = true;
    ASSERT_TRUE(crm_.Start(options));
    ASSERT_TRUE(crm_.AddWorkspace("thinking", kLlmAgent));
  }

  // A web chat visitor of `workspace` says `text`; the messages of the conversation after the
  // reply.
  json Say(const std::string& workspace, const std::string& text) {
    auto sent = crm_.client().Post("/chat/" + workspace + "/messages", json{{"text", text}}.dump(),
                                   "application/json");
    EXPECT_TRUE(sent && sent->status == 202);
    crm_.WaitForReplies();
    std::string cookie;
    if (sent)
      cookie = sent->get_header_value("Set-Cookie")
                   .substr(0, sent->get_header_value("Set-Cookie").find(';'));
    auto page = crm_.client().Get("/chat/" + workspace + "/messages", {{"Cookie", cookie}});
    return page ? json::parse(page->body)["messages"] : json::array();
  }

  FakeLlm llm_;
  CrmServer crm_;
};

TEST_F(LlmE2eTest, AWorkspaceThatChoseTheModelIsAnsweredByIt) {
  llm_.SetResponder([](const LlmCall&) {
    return ContentAnswer(json{
        {"reply", "Of course, ask away: what would you like to know?"},
        {"language", "en"},
        {"asked", true},
        {"answered", true},
        {"handoff", nullptr},
        {"answer", nullptr},
        {"cited_products",
         json::array()}}.dump());
  });
  const json messages = Say("thinking", "hello there, I have a question");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1]["author"], "ai");
  EXPECT_EQ(messages[1]["text"], "Hi!\n\nOf course, ask away: what would you like to know?");
  const auto calls = llm_.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].path, "/v1/chat/completions");
  EXPECT_EQ(calls[0].authorization, "Bearer sk-e2e-secret");
  EXPECT_EQ(calls[0].body["model"], "fake-model");
  EXPECT_THAT(calls[0].body["messages"].back()["content"].get<std::string>(),
              ::testing::HasSubstr("hello there, I have a question"));
  EXPECT_THAT(crm_.Log(), ::testing::Not(::testing::HasSubstr("sk-e2e-secret")));
}

TEST_F(LlmE2eTest, AWorkspaceThatStaysLocalNeverReachesTheModel) {
  const json messages = Say("shop", "hello there");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1]["author"], "ai");
  EXPECT_TRUE(llm_.calls().empty());
}

TEST_F(LlmE2eTest, AModelThatFailsLeavesTheCustomerAnswered) {
  llm_.SetResponder([](const LlmCall&) {
    return LlmAnswer{.status = 500, .body = R"({"error":{"message":"boom","code":500}})"};
  });
  const json messages = Say("thinking", "hello, are you open today?");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1]["author"], "ai");  // the local brain's reply, no provider error
  EXPECT_THAT(messages[1]["text"].get<std::string>(), ::testing::Not(::testing::HasSubstr("boom")));
  EXPECT_EQ(llm_.calls().size(), 2u);  // one retry of a server error
}

}  // namespace
}  // namespace e2e
