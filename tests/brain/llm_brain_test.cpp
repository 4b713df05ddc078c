// The llm brain turn by turn, against a scripted endpoint on the fake clock: the local brain's
// first reading, both output modes with searches, the guards and their repair round, every
// failure class's remedy, the circuit, what the endpoint refused remembered, and the fallbacks.
#include "brain/llm/llm_brain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "brain/llm/tokens_in_memory.h"
#include "testing/fixture.h"
#include "testing/model_turn.h"

namespace brain::llm {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using ::testing::HasSubstr;

std::string Fixture(const std::string& name) { return testing_support::ReadFixture("llm/" + name); }

HttpReply Content(const std::string& content, int prompt_tokens = 900) {
  const json body = {
      {"model", "fake"},
      {"choices", json::array({{{"finish_reason", "stop"},
                                {"message", {{"role", "assistant"}, {"content", content}}}}})},
      {"usage", {{"prompt_tokens", prompt_tokens}, {"completion_tokens", 20}}}};
  return {200, {}, body.dump()};
}

HttpReply Turn(const json& turn) { return Content(turn.dump()); }

HttpReply Calls(const json& calls) {
  json list = json::array();
  int n = 0;
  for (const auto& [name, arguments] : calls.items()) {
    list.push_back({{"id", "call_" + std::to_string(++n)},
                    {"type", "function"},
                    {"function", {{"name", name}, {"arguments", arguments.dump()}}}});
  }
  const json body = {
      {"choices",
       json::array(
           {{{"finish_reason", "tool_calls"},
             {"message", {{"role", "assistant"}, {"content", nullptr}, {"tool_calls", list}}}}})},
      {"usage", {{"prompt_tokens", 900}, {"completion_tokens", 20}}}};
  return {200, {}, body.dump()};
}

json Grounded(const std::string& reply = "The stoneware mug costs 14.90 USD.") {
  return testing_support::ModelTurn(reply);
}

// What the endpoint answers, in order; what it was sent.
struct Script {
  std::deque<base::Result<HttpReply>> replies;
  std::vector<HttpRequest> requests;
  std::vector<bool> timeouts;  // parallel to replies: the failure was a timeout
};

class LlmBrainTest : public ::testing::Test {
 protected:
  LlmBrainTest() {
    config_.company_name = "Casa Verde";
    config_.agent_name = "Lia";
    config_.greeting = "Hi!";
    config_.workflow = core::WorkflowKind::kHandoffToHuman;
    config_.business_context = "Opening hours: Monday to Friday, 9:00 to 18:00.";
    core::Product mug;
    mug.name = "Stoneware mug";
    mug.price = "14.90";
    mug.currency = "USD";
    mug.stock = 48;
    catalog_.products = {mug};
    settings_.endpoint.base_url = "http://llm.test/v1";
    settings_.endpoint.model = "fake";
    settings_.endpoint.mode = OutputMode::kStructured;
  }

  // A brain of the test's settings whose endpoint answers from the script; `endpoint` holds
  // what it learns (the fixture's own by default).
  std::unique_ptr<LlmBrain> Brain(EndpointState* endpoint = nullptr) {
    auto brain = LlmBrain::Create(
        config_, catalog_, settings_,
        [this](const HttpRequest& request, base::Duration timeout, bool& timed_out) {
          script_.requests.push_back(request);
          EXPECT_GT(timeout.count(), 0);
          if (script_.replies.empty()) return base::Result<HttpReply>(Content("{}"));
          auto next = std::move(script_.replies.front());
          script_.replies.pop_front();
          timed_out = !next.ok() && next.error().message == "timed out";
          return next;
        },
        [this](base::Duration d) { clock_.Advance(d); }, clock_,
        endpoint != nullptr ? *endpoint : endpoint_);
    EXPECT_TRUE(brain.ok());
    return std::move(*brain);
  }

  core::BrainInput Asks(std::string text) {
    said_ = {std::move(text)};
    core::BrainInput input;
    input.customer_messages = said_;
    input.language = core::Language::kEn;
    return input;
  }

  json Body(std::size_t request) { return json::parse(script_.requests.at(request).body); }

  core::AgentConfig config_;
  core::Catalog catalog_;
  LlmSettings settings_;
  base::FakeClock clock_{base::FromMillis(1'800'000'000'000)};
  TokensInMemory tokens_;
  EndpointState endpoint_{tokens_};
  Script script_;
  std::vector<std::string> said_;
};

TEST_F(LlmBrainTest, AStructuredAnswerFromTheCatalogIsProposed) {
  script_.replies.push_back(Turn(Grounded()));
  auto p = Brain()->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->reply, "The stoneware mug costs 14.90 USD.");
  EXPECT_THAT(p->cited_products, ::testing::ElementsAre("Stoneware mug"));
  ASSERT_EQ(script_.requests.size(), 1u);
  EXPECT_EQ(script_.requests[0].url, "http://llm.test/v1/chat/completions");
  const std::string system = Body(0)["messages"][0]["content"];
  EXPECT_THAT(system, HasSubstr("Stoneware mug | 14.90 USD | 48 in stock"));
  EXPECT_THAT(system, HasSubstr("9:00 to 18:00"));  // the whole context fits
  EXPECT_TRUE(Body(0).contains("response_format"));
}

TEST_F(LlmBrainTest, TheContextsRulesAreGivenAsRulesAndAReplyQuotingOneIsRepaired) {
  config_.business_context =
      "Opening hours: Monday to Friday, 9:00 to 18:00.\n\n"
      "# Rules for the assistant\n"
      "- Never promise a delivery date that is not written here.\n"
      "- There are no discount codes at the moment.\n";
  script_.replies.push_back(
      Turn(Grounded("Never promise a delivery date that is not written here.")));
  script_.replies.push_back(Turn(Grounded()));
  auto p = Brain()->Propose(Asks("when will my mug arrive?"));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->reply, "The stoneware mug costs 14.90 USD.");  // the repaired one
  ASSERT_EQ(script_.requests.size(), 2u);
  const std::string system = Body(0)["messages"][0]["content"];
  const auto data = system.find("<business_context>\n");  // the data block
  ASSERT_NE(data, std::string::npos);
  EXPECT_LT(system.find("Never promise a delivery date"), data);
  EXPECT_EQ(system.find("Never promise a delivery date", data), std::string::npos);
  EXPECT_NE(system.find("There are no discount codes at the moment.", data), std::string::npos);
  EXPECT_EQ(system.find("Rules for the assistant"), std::string::npos);
}

TEST_F(LlmBrainTest, WithToolsItAnswersTheModelsSearchesThenTakesItsResponse) {
  settings_.endpoint.mode = OutputMode::kTools;
  script_.replies.push_back(Calls({{"search_catalog", {{"query", "mug"}}}}));
  script_.replies.push_back(Calls({{"respond", Grounded()}}));
  auto p = Brain()->Propose(Asks("do you sell mugs?"));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->reply, "The stoneware mug costs 14.90 USD.");
  ASSERT_EQ(script_.requests.size(), 2u);
  const json second = Body(1)["messages"];
  EXPECT_EQ(second[second.size() - 2]["role"], "assistant");
  EXPECT_EQ(second.back()["role"], "tool");
  EXPECT_THAT(second.back()["content"].get<std::string>(), HasSubstr("Stoneware mug | 14.90"));
}

TEST_F(LlmBrainTest, AnExplicitRequestForAPersonNeverReachesTheModel) {
  auto p = Brain()->Propose(Asks("I want to talk to a human please"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->handoff);
  EXPECT_EQ(p->handoff->reason, core::HandoffReason::kCustomerRequest);
  EXPECT_TRUE(script_.requests.empty());
}

TEST_F(LlmBrainTest, ARefusedProposalGetsOneRepairRound) {
  script_.replies.push_back(Turn(Grounded("The mug is 9.99 USD today!")));
  script_.replies.push_back(Turn(Grounded()));
  auto p = Brain()->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->reply, "The stoneware mug costs 14.90 USD.");
  ASSERT_EQ(script_.requests.size(), 2u);
  EXPECT_THAT(Body(1)["messages"].back()["content"].get<std::string>(),
              HasSubstr("invented_number"));
}

TEST_F(LlmBrainTest, ARepairThatFailsTooFallsBackToTheLocalBrain) {
  script_.replies.push_back(Turn(Grounded("The mug is 9.99 USD today!")));
  script_.replies.push_back(Turn(Grounded("Only 8 USD for you!")));
  auto p = Brain()->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_THAT(p->reply, HasSubstr("14.90"));  // the local brain's answer from the catalog
  EXPECT_EQ(script_.requests.size(), 2u);
  // A model's bad answers are not the endpoint's failure.
  EXPECT_EQ(endpoint_.circuit().State(clock_.Now()), CircuitState::kClosed);
}

TEST_F(LlmBrainTest, WithTheHandoffFallbackAFailedTurnHandsOffAndKeepsItsRecord) {
  settings_.fallback = Fallback::kHandoff;
  script_.replies.push_back(HttpReply{401, {}, Fixture("openai-401-bad-key.json")});
  auto p = Brain()->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->handoff.has_value());
  EXPECT_EQ(p->handoff->reason, core::HandoffReason::kAiFailure);
  EXPECT_THAT(p->handoff->detail, HasSubstr("bad_key"));
  EXPECT_THAT(p->handoff->detail, ::testing::Not(HasSubstr("Incorrect")));  // not the provider's
  EXPECT_TRUE(p->reply.empty());
  ASSERT_TRUE(p->model.has_value());
  EXPECT_EQ(p->model->fallback, "bad_key");
  EXPECT_EQ(p->model->attempts, 1);
}

TEST_F(LlmBrainTest, ARateLimitWaitsAsAskedWithinTheDeadline) {
  script_.replies.push_back(
      HttpReply{429, {{"retry-after", "2"}}, Fixture("openai-429-rate-limit.json")});
  script_.replies.push_back(Turn(Grounded()));
  const base::TimePoint start = clock_.Now();
  auto p = Brain()->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(script_.requests.size(), 2u);
  EXPECT_GE(clock_.Now() - start, 2s);
  EXPECT_LT(clock_.Now() - start, 3s);
}

TEST_F(LlmBrainTest, AWaitPastTheDeadlineIsNotWaited) {
  script_.replies.push_back(
      HttpReply{429, {{"retry-after", "30"}}, Fixture("openai-429-rate-limit.json")});
  const base::TimePoint start = clock_.Now();
  auto p = Brain()->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(p.ok());  // the local brain
  EXPECT_EQ(script_.requests.size(), 1u);
  EXPECT_EQ(clock_.Now(), start);
}

TEST_F(LlmBrainTest, AQuotaIsNeverRetriedAndOpensTheCircuit) {
  script_.replies.push_back(HttpReply{429, {}, Fixture("openai-429-quota.json")});
  auto brain = Brain();
  ASSERT_TRUE(brain->Propose(Asks("how much is the stoneware mug?")).ok());
  EXPECT_EQ(script_.requests.size(), 1u);
  EXPECT_EQ(endpoint_.circuit().State(clock_.Now()), CircuitState::kOpen);
  // The next turn does not call a dead endpoint.
  ASSERT_TRUE(brain->Propose(Asks("and the mug?")).ok());
  EXPECT_EQ(script_.requests.size(), 1u);
}

TEST_F(LlmBrainTest, TheEndpointsProblemIsKeptForTheOwnerUntilATurnSucceeds) {
  EXPECT_FALSE(endpoint_.problem().has_value());
  script_.replies.push_back(HttpReply{429, {}, Fixture("openai-429-quota.json")});
  auto brain = Brain();
  const base::TimePoint first = clock_.Now();
  ASSERT_TRUE(brain->Propose(Asks("how much is the stoneware mug?")).ok());
  ASSERT_TRUE(endpoint_.problem().has_value());
  EXPECT_EQ(endpoint_.problem()->reason, "quota");
  EXPECT_TRUE(endpoint_.problem()->needs_owner);
  EXPECT_EQ(endpoint_.problem()->since, first);

  clock_.Advance(std::chrono::hours{1});  // the circuit lets a turn try again
  script_.replies.push_back(Turn(Grounded()));
  ASSERT_TRUE(brain->Propose(Asks("how much is the stoneware mug?")).ok());
  EXPECT_FALSE(endpoint_.problem().has_value());
}

TEST_F(LlmBrainTest, AnEndpointWithoutToolsSwitchesToStructuredOutputForGood) {
  settings_.endpoint.mode = OutputMode::kAuto;
  script_.replies.push_back(HttpReply{400, {}, Fixture("ollama-400-no-tools.json")});
  script_.replies.push_back(Turn(Grounded()));
  script_.replies.push_back(Turn(Grounded()));
  auto brain = Brain();
  ASSERT_TRUE(brain->Propose(Asks("how much is the stoneware mug?")).ok());
  ASSERT_EQ(script_.requests.size(), 2u);
  EXPECT_TRUE(Body(0).contains("tools"));
  EXPECT_TRUE(Body(1).contains("response_format"));
  ASSERT_TRUE(brain->Propose(Asks("how much is the stoneware mug?")).ok());
  EXPECT_TRUE(Body(2).contains("response_format"));
}

TEST_F(LlmBrainTest, ARefusedParameterIsAdjustedAndRemembered) {
  script_.replies.push_back(HttpReply{400, {}, Fixture("openai-400-unsupported-parameter.json")});
  script_.replies.push_back(Turn(Grounded()));
  ASSERT_TRUE(Brain()->Propose(Asks("how much is the stoneware mug?")).ok());
  ASSERT_EQ(script_.requests.size(), 2u);
  EXPECT_TRUE(Body(0).contains("max_tokens"));
  EXPECT_TRUE(Body(1).contains("max_completion_tokens"));
  EXPECT_FALSE(Body(1).contains("max_tokens"));
}

TEST_F(LlmBrainTest, ATimeoutIsTriedOnceMore) {
  script_.replies.push_back(base::Error::Unavailable("timed out"));
  script_.replies.push_back(Turn(Grounded()));
  auto p = Brain()->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->reply, "The stoneware mug costs 14.90 USD.");
  EXPECT_EQ(script_.requests.size(), 2u);
}

TEST_F(LlmBrainTest, APromptTheServerCutShortIsNotTrusted) {
  script_.replies.push_back(Content(Grounded().dump(), 10));
  auto p = Brain()->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(p.ok());
  EXPECT_THAT(p->reply, HasSubstr("14.90"));  // the local brain
  EXPECT_EQ(script_.requests.size(), 1u);
}

TEST_F(LlmBrainTest, EachProposalRecordsWhatTheModelTook) {
  script_.replies.push_back(
      HttpReply{429, {{"retry-after", "1"}}, Fixture("openai-429-rate-limit.json")});
  script_.replies.push_back(Turn(Grounded()));
  script_.replies.push_back(HttpReply{401, {}, Fixture("openai-401-bad-key.json")});
  auto brain = Brain();
  auto answered = brain->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(answered.ok());
  ASSERT_TRUE(answered->model.has_value());
  EXPECT_EQ(answered->model->model, "fake");  // the model that answered
  EXPECT_EQ(answered->model->prompt_tokens, 900);
  EXPECT_EQ(answered->model->completion_tokens, 20);
  EXPECT_EQ(answered->model->attempts, 2);
  EXPECT_GE(answered->model->latency, 1s);  // the rate limit's wait, on the fake clock
  EXPECT_EQ(answered->model->fallback, "");

  auto local = brain->Propose(Asks("and the stoneware mug again?"));  // bad key: local
  ASSERT_TRUE(local.ok());
  ASSERT_TRUE(local->model.has_value());
  EXPECT_EQ(local->model->fallback, "bad_key");
  EXPECT_EQ(local->model->attempts, 1);
  auto skipped = brain->Propose(Asks("the mug?"));  // the circuit is open: no request
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->model->fallback, "circuit_open");
  EXPECT_EQ(skipped->model->attempts, 0);
}

TEST_F(LlmBrainTest, AWorkspaceThatSpentItsDailyTokensIsAnsweredLocallyUntilTheDayEnds) {
  settings_.daily_tokens_per_workspace = 1500;  // each answer below uses 920
  auto brain = Brain();
  core::BrainInput shop = Asks("how much is the stoneware mug?");
  shop.workspace_id = 1;
  for (int i = 0; i < 2; ++i) script_.replies.push_back(Turn(Grounded()));
  ASSERT_EQ(brain->Propose(shop)->model->fallback, "");
  ASSERT_EQ(brain->Propose(shop)->model->fallback, "");  // 920 < 1500: still allowed
  auto spent = brain->Propose(shop);
  ASSERT_TRUE(spent.ok());
  EXPECT_EQ(spent->model->fallback, "budget");
  EXPECT_THAT(spent->reply, HasSubstr("14.90"));  // the local brain
  EXPECT_EQ(script_.requests.size(), 2u);

  core::BrainInput other = shop;  // another workspace has its own budget
  other.workspace_id = 2;
  script_.replies.push_back(Turn(Grounded()));
  EXPECT_EQ(brain->Propose(other)->model->fallback, "");

  clock_.Advance(std::chrono::hours{24});  // the next day
  script_.replies.push_back(Turn(Grounded()));
  EXPECT_EQ(brain->Propose(shop)->model->fallback, "");
}

TEST_F(LlmBrainTest, ASpentBudgetAnswersLocallyWhateverTheFallbackAndNeverTakesTheProbe) {
  settings_.daily_tokens_per_workspace = 100;
  settings_.fallback = Fallback::kHandoff;
  auto brain = Brain();
  core::BrainInput shop = Asks("how much is the stoneware mug?");
  shop.workspace_id = 1;
  // The endpoint's circuit opens (a bad key), and its rest ends.
  script_.replies.push_back(HttpReply{401, {}, Fixture("openai-401-bad-key.json")});
  ASSERT_TRUE(brain->Propose(shop)->handoff.has_value());  // the handoff fallback
  clock_.Advance(std::chrono::hours{1});
  ASSERT_TRUE(tokens_.AddTokens(1, core::UtcDay(clock_.Now()), 100).ok());  // spent its day
  auto spent = brain->Propose(shop);
  ASSERT_TRUE(spent.ok());  // the local brain, not a handoff
  EXPECT_EQ(spent->model->fallback, "budget");
  // Another workspace still gets the probe.
  core::BrainInput other = shop;
  other.workspace_id = 2;
  script_.replies.push_back(Turn(Grounded()));
  auto probed = brain->Propose(other);
  ASSERT_TRUE(probed.ok());
  EXPECT_EQ(probed->model->fallback, "");
}

TEST_F(LlmBrainTest, AProbeThatEndsWithoutAVerdictFreesItsPlace) {
  script_.replies.push_back(HttpReply{401, {}, Fixture("openai-401-bad-key.json")});
  auto brain = Brain();
  ASSERT_TRUE(brain->Propose(Asks("how much is the stoneware mug?")).ok());  // opens the circuit
  clock_.Advance(std::chrono::hours{1});
  // The probe's answers are refused by the guards twice: no verdict on the endpoint.
  script_.replies.push_back(Turn(Grounded("Only 9.99 USD!")));
  script_.replies.push_back(Turn(Grounded("Only 8.99 USD!")));
  ASSERT_EQ(brain->Propose(Asks("how much is the stoneware mug?"))->model->fallback.empty(), false);
  const std::size_t asked = script_.requests.size();
  script_.replies.push_back(Turn(Grounded()));
  auto next = brain->Propose(Asks("how much is the stoneware mug?"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(script_.requests.size(), asked + 1);  // the endpoint was tried again
  EXPECT_EQ(next->model->fallback, "");
}

TEST_F(LlmBrainTest, TheOwnerSeesTheEndpointsFirstProblemNotOneTurnsOwn) {
  auto brain = Brain();
  script_.replies.push_back(HttpReply{400, {}, Fixture("azure-400-content-filter.json")});
  ASSERT_TRUE(brain->Propose(Asks("how much is the stoneware mug?")).ok());
  EXPECT_FALSE(endpoint_.problem().has_value());  // one turn's content, not the endpoint
  endpoint_.Failed(FailureKind::kTimeout, clock_.Now());
  const base::TimePoint since = clock_.Now();
  clock_.Advance(1s);
  endpoint_.Failed(FailureKind::kBadKey, clock_.Now());  // someone must act: it replaces it
  ASSERT_TRUE(endpoint_.problem().has_value());
  EXPECT_EQ(endpoint_.problem()->reason, "bad_key");
  EXPECT_EQ(endpoint_.problem()->since, since);
  endpoint_.Failed(FailureKind::kTimeout, clock_.Now());  // never downgraded
  EXPECT_EQ(endpoint_.problem()->reason, "bad_key");
  EXPECT_TRUE(endpoint_.problem()->needs_owner);
}

TEST_F(LlmBrainTest, EveryCallTokenRefusalAndFallbackIsCounted) {
  base::Metrics registry;
  LlmMetrics metrics(registry, Prices{1000, 0, "EUR"});  // 1,000 EUR per million prompt tokens
  EndpointState counted(tokens_, {}, &metrics);
  script_.replies.push_back(
      HttpReply{429, {{"retry-after", "1"}}, Fixture("openai-429-rate-limit.json")});
  script_.replies.push_back(Turn(Grounded("Only 9.99 USD!")));
  script_.replies.push_back(Turn(Grounded()));
  script_.replies.push_back(HttpReply{401, {}, Fixture("openai-401-bad-key.json")});
  auto brain = Brain(&counted);
  ASSERT_TRUE(brain->Propose(Asks("how much is the stoneware mug?")).ok());
  ASSERT_TRUE(brain->Propose(Asks("and the stoneware mug again?")).ok());  // bad key: local
  const std::string text = registry.Render();
  for (const char* line :
       {"llm_requests_total{result=\"rate_limited\"} 1\n", "llm_requests_total{result=\"ok\"} 2\n",
        "llm_requests_total{result=\"bad_key\"} 1\n",
        "llm_guard_rejections_total{problem=\"invented_number\"} 1\n",
        "llm_tokens_total{kind=\"prompt\"} 1800\n", "llm_cost_total{currency=\"EUR\"} 1.8\n",
        "llm_fallbacks_total{reason=\"bad_key\"} 1\n", "llm_circuit_open 1\n",
        "llm_turn_seconds_count 2\n"}) {
    EXPECT_THAT(text, HasSubstr(line));
  }
}

TEST_F(LlmBrainTest, EveryFailureClassEndsInAnAnswerOrAnError) {
  for (const auto& [status, fixture] :
       std::vector<std::pair<int, std::string>>{{429, "openai-429-request-too-large.json"},
                                                {402, "openrouter-402-credits.json"},
                                                {404, "openai-404-model.json"},
                                                {400, "openai-400-context.json"},
                                                {400, "azure-400-content-filter.json"},
                                                {503, "llamacpp-503-loading.json"},
                                                {502, "proxy-502-html.json"},
                                                {400, "groq-400-tool-use-failed.json"},
                                                {200, "openrouter-error-in-200.json"},
                                                {200, "any-cut-off.json"},
                                                {200, "any-not-json.json"},
                                                {200, "openai-refusal.json"}}) {
    SCOPED_TRACE(fixture);
    EndpointState fresh(tokens_);
    script_ = {};
    for (int i = 0; i < 4; ++i) script_.replies.push_back(HttpReply{status, {}, Fixture(fixture)});
    auto brain = Brain(&fresh);
    const base::TimePoint start = clock_.Now();
    auto p = brain->Propose(Asks("how much is the stoneware mug?"));
    ASSERT_TRUE(p.ok()) << p.error().message;  // the local brain answers
    EXPECT_LE(clock_.Now() - start, settings_.turn_deadline);
    EXPECT_LE(script_.requests.size(), 3u);
  }
}

}  // namespace
}  // namespace brain::llm
