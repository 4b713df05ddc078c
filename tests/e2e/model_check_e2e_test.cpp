// Test connection through `frontdesk serve` (POST and GET /api/v1/workspaces/{ws}/llm-test)
// against the fake model: the draft's turn with tools, a server without tools, a bad key, an
// unreachable server, no model configured; the request answers before the model does; only the
// owner tests; the key is in no answer and no log line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "e2e/api_fixture.h"
#include "e2e/llm_server.h"
#include "testing/fake_llm.h"
#include "testing/fixture.h"

namespace e2e {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using testing_support::ContentAnswer;
using testing_support::FakeLlm;
using testing_support::LlmAnswer;
using testing_support::LlmCall;
using testing_support::ReadFixture;
using testing_support::ToolCallAnswer;

constexpr const char* kKey = "sk-e2e-secret";
// "/api/v1/workspaces/shop/llm-test" + rest.
std::string LlmTest(const std::string& rest = "") { return Shop("/llm-test" + rest); }

std::map<std::string, std::string> ModelEnv(const std::string& base_url) {
  return {{"FRONTDESK_LLM_BASE_URL", base_url},
          {"FRONTDESK_LLM_MODEL", "configured-model"},
          {"FRONTDESK_LLM_API_KEY_ENV", "SHOP_LLM_KEY"},
          {"SHOP_LLM_KEY", kKey}};
}

// Tests shared by every fixture below: start a check, wait for its result.
class CheckTest : public ApiTest {
 protected:
  // The id of a check the owner started (a test failure otherwise).
  std::string StartCheck() {
    const Answer started = Post(LlmTest(), json::object(), owner_);
    EXPECT_EQ(started.status, 202) << started.raw;
    EXPECT_EQ(started.body.value("state", ""), "running") << started.raw;
    return started.body.value("id", "");
  }

  // The check's state once done, polled; a test failure after 15 seconds.
  Answer Done(const std::string& id) {
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    Answer a;
    while (std::chrono::steady_clock::now() < deadline) {
      a = Get(LlmTest("/" + id), owner_);
      if (a.status != 200 || a.body.value("state", "") != "running") return a;
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "the check is still running: " << a.raw;
    return a;
  }
};

// The fake model, a base before the server's: it stops after the server (whose connections to it
// would otherwise hold its stop up).
struct WithFakeLlm {
  FakeLlm llm_;
};

class ModelCheckE2eTest : protected WithFakeLlm, public CheckTest {
 protected:
  ModelCheckE2eTest() {
    options_.env = ModelEnv(llm_.base_url());
    options_.capture_log = true;
  }
};

class UnreachableModelCheckE2eTest : public CheckTest {
 protected:
  UnreachableModelCheckE2eTest() { options_.env = ModelEnv("http://127.0.0.1:1/v1"); }
};

class NoModelCheckE2eTest : public CheckTest {};

TEST_F(ModelCheckE2eTest, TheDraftAnswersWithToolsAndTheModelTheServerNames) {
  const Answer edited = Patch(
      Shop("/config/draft"),
      {{"company_name", "Casa Verde"}, {"business_context", "We rent furnished flats in Lisbon."}},
      owner_);
  ASSERT_EQ(edited.status, 200) << edited.raw;
  llm_.SetResponder([](const LlmCall&) {
    return ToolCallAnswer("respond", ModelTurn("We rent furnished flats in Lisbon.", {}));
  });
  const Answer done = Done(StartCheck());
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["state"], "done");
  EXPECT_EQ(done.body["ok"], true) << done.raw;
  EXPECT_EQ(done.body["model"], "fake-model");  // as the server named it, not as configured
  EXPECT_EQ(done.body["output"], "tools");
  EXPECT_EQ(done.body["question"], "What do you offer?");
  EXPECT_EQ(done.body["sample"], "We rent furnished flats in Lisbon.");
  EXPECT_EQ(done.body["handoff"], nullptr);
  EXPECT_TRUE(done.body["latency_ms"].is_number_integer());

  const auto calls = llm_.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].authorization, std::string("Bearer ") + kKey);
  EXPECT_TRUE(calls[0].body.contains("tools"));
  // The draft, never published.
  EXPECT_THAT(calls[0].body["messages"][0]["content"].get<std::string>(), HasSubstr("Casa Verde"));
  EXPECT_THAT(done.raw, Not(HasSubstr(kKey)));
  EXPECT_THAT(crm_.Log(), Not(HasSubstr(kKey)));
}

TEST_F(ModelCheckE2eTest, AServerWithoutToolsIsReportedAsStructured) {
  llm_.Script({.status = 400, .body = ReadFixture("llm/ollama-400-no-tools.json")});
  llm_.SetResponder([](const LlmCall&) {
    return ContentAnswer(ModelTurn("We rent furnished flats in Lisbon.", {}).dump());
  });
  const Answer done = Done(StartCheck());
  EXPECT_EQ(done.body["ok"], true) << done.raw;
  EXPECT_EQ(done.body["output"], "structured");
  const auto calls = llm_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_TRUE(calls[0].body.contains("tools"));
  EXPECT_TRUE(calls[1].body.contains("response_format"));
}

TEST_F(ModelCheckE2eTest, ABadKeyIsSaidInPlainWords) {
  llm_.SetResponder([](const LlmCall&) {
    return LlmAnswer{.status = 401, .body = ReadFixture("llm/openai-401-bad-key.json")};
  });
  const Answer done = Done(StartCheck());
  EXPECT_EQ(done.body["state"], "done");
  EXPECT_EQ(done.body["ok"], false);
  EXPECT_THAT(done.body.value("error", ""), HasSubstr("refused the key"));
  // The provider's message quotes part of the key: it reaches neither the owner nor the log.
  EXPECT_THAT(done.raw, Not(HasSubstr("sk-abc")));
  EXPECT_THAT(crm_.Log(), Not(HasSubstr("sk-abc")));
  EXPECT_THAT(crm_.Log(), Not(HasSubstr(kKey)));
}

TEST_F(ModelCheckE2eTest, TheRequestAnswersBeforeTheModelDoes) {
  llm_.SetResponder([](const LlmCall&) {
    LlmAnswer slow = ToolCallAnswer("respond", ModelTurn("We rent furnished flats in Lisbon.", {}));
    slow.delay = 1500ms;
    return slow;
  });
  const auto before = std::chrono::steady_clock::now();
  const std::string id = StartCheck();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1000ms);
  const Answer running = Get(LlmTest("/" + id), owner_);
  EXPECT_EQ(running.status, 200);
  EXPECT_EQ(running.body, json({{"id", id}, {"state", "running"}}));
  // Asking again while it runs gives the same check.
  EXPECT_EQ(StartCheck(), id);
  EXPECT_EQ(Done(id).body["ok"], true);
  EXPECT_EQ(llm_.calls().size(), 1u);
}

TEST_F(ModelCheckE2eTest, OnlyTheOwnerTests) {
  const Answer refused = Post(LlmTest(), json::object(), bea_);
  EXPECT_EQ(refused.status, 403) << refused.raw;
  const std::string id = StartCheck();
  EXPECT_EQ(Get(LlmTest("/" + id), bea_).status, 403);
  EXPECT_EQ(Get(LlmTest("/not-a-test"), owner_).status, 404);
  ASSERT_TRUE(crm_.AddWorkspace("other"));
  EXPECT_EQ(Post("/api/v1/workspaces/other/llm-test", json::object(), owner_).status, 404);
  EXPECT_EQ(Get("/api/v1/workspaces/other/llm-test/" + id, owner_).status, 404);
  Done(id);
}

TEST_F(UnreachableModelCheckE2eTest, AnUnreachableServerIsSaidSo) {
  const Answer done = Done(StartCheck());
  EXPECT_EQ(done.body["ok"], false);
  EXPECT_THAT(done.body.value("error", ""), HasSubstr("could not be reached"));
}

TEST_F(NoModelCheckE2eTest, WithoutAModelTheOperatorIsToldWhatToSet) {
  const Answer refused = Post(LlmTest(), json::object(), owner_);
  EXPECT_EQ(refused.status, 409) << refused.raw;
  EXPECT_THAT(refused.body["error"].value("message", ""), HasSubstr("[llm]"));
}

}  // namespace
}  // namespace e2e
