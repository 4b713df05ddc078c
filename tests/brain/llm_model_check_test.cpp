// Test connection for the llm brain (CheckModel), against a scripted endpoint on the fake clock:
// the model the server names, tools or structured output, the sample answer to the draft's
// question in its language, and each failure in the owner's words without the provider's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "base/slow_call_guard.h"
#include "brain/llm/model_check.h"
#include "testing/fixture.h"
#include "testing/model_turn.h"

namespace brain::llm {
namespace {

using testing_support::ModelTurn;

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using testing_support::ReadFixture;

HttpReply Answer(const json& message, const std::string& model = "served-model") {
  const json body = {{"model", model},
                     {"choices", json::array({{{"finish_reason", "stop"}, {"message", message}}})}};
  return {200, {}, body.dump()};
}

HttpReply ToolAnswer(const json& turn) {
  return Answer(
      {{"role", "assistant"},
       {"content", nullptr},
       {"tool_calls",
        json::array({{{"id", "call_1"},
                      {"type", "function"},
                      {"function", {{"name", "respond"}, {"arguments", turn.dump()}}}}})}});
}

HttpReply ContentAnswer(const json& turn) {
  return Answer({{"role", "assistant"}, {"content", turn.dump()}});
}

class ModelCheckTest : public ::testing::Test {
 protected:
  ModelCheckTest() {
    config_.company_name = "Casa Verde";
    config_.greeting = "Hi!";
    config_.business_context = "We rent furnished flats in Lisbon.";
    settings_.endpoint.base_url = "http://llm.test/v1";
    settings_.endpoint.model = "configured-model";
    settings_.endpoint.api_key = "sk-check-secret";
  }

  base::Result<core::ModelCheck> Check() {
    return CheckModel(
        config_, catalog_, settings_,
        [this](const HttpRequest& request, base::Duration, bool& timed_out) {
          requests_.push_back(json::parse(request.body));
          if (replies_.empty()) return base::Result<HttpReply>(base::Error::Unavailable("closed"));
          auto next = std::move(replies_.front());
          replies_.pop_front();
          timed_out = !next.ok() && next.error().message == "timed out";
          return next;
        },
        [this](base::Duration d) { clock_.Advance(d); }, clock_);
  }

  core::AgentConfig config_;
  core::Catalog catalog_;
  LlmSettings settings_;
  base::FakeClock clock_{base::FromMillis(1'800'000'000'000)};
  std::deque<base::Result<HttpReply>> replies_;
  std::vector<json> requests_;
};

TEST_F(ModelCheckTest, AServerWithToolsAnswersTheQuestionWithTheModelItNames) {
  replies_.push_back(ToolAnswer(ModelTurn("We rent furnished flats in Lisbon.", {})));
  auto check = Check();
  ASSERT_TRUE(check.ok()) << check.error().message;
  EXPECT_EQ(check->model, "served-model");
  EXPECT_TRUE(check->tools);
  EXPECT_EQ(check->question, "What do you offer?");
  EXPECT_EQ(check->sample, "We rent furnished flats in Lisbon.");
  EXPECT_EQ(check->handoff, "");
  ASSERT_EQ(requests_.size(), 1u);
  EXPECT_TRUE(requests_[0].contains("tools"));
  const std::string system = requests_[0]["messages"][0]["content"];
  EXPECT_THAT(system, HasSubstr("Casa Verde"));  // the configuration given, the draft
  EXPECT_THAT(requests_[0]["messages"].back()["content"].get<std::string>(),
              HasSubstr("What do you offer?"));
}

TEST_F(ModelCheckTest, AServerWithoutToolsIsReportedAsStructured) {
  replies_.push_back(HttpReply{400, {}, ReadFixture("llm/ollama-400-no-tools.json")});
  replies_.push_back(ContentAnswer(ModelTurn("We rent furnished flats in Lisbon.", {})));
  auto check = Check();
  ASSERT_TRUE(check.ok()) << check.error().message;
  EXPECT_FALSE(check->tools);
  ASSERT_EQ(requests_.size(), 2u);
  EXPECT_TRUE(requests_[1].contains("response_format"));
}

TEST_F(ModelCheckTest, EachCheckStartsFreshWithTools) {
  replies_.push_back(HttpReply{400, {}, ReadFixture("llm/ollama-400-no-tools.json")});
  replies_.push_back(ContentAnswer(ModelTurn("We rent furnished flats in Lisbon.", {})));
  ASSERT_TRUE(Check().ok());
  replies_.push_back(ToolAnswer(ModelTurn("We rent furnished flats in Lisbon.", {})));
  auto again = Check();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->tools);  // what the first check learned was not kept
  EXPECT_TRUE(requests_.back().contains("tools"));
}

TEST_F(ModelCheckTest, StructuredOutputChosenByTheOperatorIsReportedSo) {
  settings_.endpoint.mode = OutputMode::kStructured;
  replies_.push_back(ContentAnswer(ModelTurn("We rent furnished flats in Lisbon.", {})));
  auto check = Check();
  ASSERT_TRUE(check.ok()) << check.error().message;
  EXPECT_FALSE(check->tools);
}

TEST_F(ModelCheckTest, TheQuestionIsAskedInTheDraftsLanguage) {
  config_.default_language = core::Language::kEs;
  config_.business_context = "Alquilamos pisos amueblados en Lisboa.";
  replies_.push_back(ToolAnswer(ModelTurn("Alquilamos pisos amueblados en Lisboa.", {}, "es")));
  auto check = Check();
  ASSERT_TRUE(check.ok()) << check.error().message;
  EXPECT_EQ(check->question, "¿Qué ofrecen?");
  EXPECT_EQ(check->sample, "Alquilamos pisos amueblados en Lisboa.");
}

TEST_F(ModelCheckTest, WithoutAModelInTheAnswerTheConfiguredOneIsShown) {
  replies_.push_back(ToolAnswer(ModelTurn("We rent furnished flats in Lisbon.", {})));
  json body = json::parse(replies_.back()->body);
  body.erase("model");
  replies_.back()->body = body.dump();
  auto check = Check();
  ASSERT_TRUE(check.ok()) << check.error().message;
  EXPECT_EQ(check->model, "configured-model");
}

TEST_F(ModelCheckTest, TheLatencyIsTheWholeTurnsRetriesIncluded) {
  replies_.push_back(HttpReply{
      429, {{"retry-after", "2"}}, R"({"error":{"message":"Rate limit reached for requests"}})"});
  replies_.push_back(ToolAnswer(ModelTurn("We rent furnished flats in Lisbon.", {})));
  auto check = Check();
  ASSERT_TRUE(check.ok()) << check.error().message;
  EXPECT_GE(check->latency, std::chrono::seconds{2});
  EXPECT_EQ(requests_.size(), 2u);
}

TEST_F(ModelCheckTest, AHandoffIsReportedWithItsReason) {
  json turn = ModelTurn("", {});
  turn["handoff"] = {{"reason", "cannot_answer"}, {"detail", "nothing in the data"}};
  replies_.push_back(ToolAnswer(turn));
  auto check = Check();
  ASSERT_TRUE(check.ok()) << check.error().message;
  EXPECT_EQ(check->handoff, "cannot_answer");
}

TEST_F(ModelCheckTest, ABadKeyIsSaidInPlainWordsWithoutTheProvidersMessage) {
  replies_.push_back(HttpReply{401, {}, ReadFixture("llm/openai-401-bad-key.json")});
  auto check = Check();
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, base::ErrorCode::kUnavailable);
  EXPECT_THAT(check.error().message, HasSubstr("refused the key"));
  EXPECT_THAT(check.error().message, Not(HasSubstr("sk-abc")));  // part of a key, in the body
  EXPECT_EQ(requests_.size(), 1u);                               // never retried
}

TEST_F(ModelCheckTest, EachFailureHasItsOwnWords) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"llm/openai-404-model.json", "does not know the model"},
      {"llm/openai-429-quota.json", "quota or credit"},
      {"llm/openrouter-402-credits.json", "quota or credit"},
  };
  for (const auto& [fixture, words] : cases) {
    const int status = std::stoi(fixture.substr(fixture.find('-') + 1, 3));
    replies_ = {};
    replies_.push_back(HttpReply{status, {}, ReadFixture(fixture)});
    auto check = Check();
    ASSERT_FALSE(check.ok()) << fixture;
    EXPECT_THAT(check.error().message, HasSubstr(words)) << fixture;
  }
}

TEST_F(ModelCheckTest, AnUnreachableServerIsSaidSo) {
  auto check = Check();  // nothing answers
  ASSERT_FALSE(check.ok());
  EXPECT_THAT(check.error().message, HasSubstr("could not be reached"));
}

TEST_F(ModelCheckTest, ATimeoutIsSaidSo) {
  replies_.push_back(base::Error::Unavailable("timed out"));
  replies_.push_back(base::Error::Unavailable("timed out"));
  auto check = Check();
  ASSERT_FALSE(check.ok());
  EXPECT_THAT(check.error().message, HasSubstr("did not answer in time"));
}

TEST_F(ModelCheckTest, AnswersTheRulesRefuseAreReportedAsUnusable) {
  // Numbers that are in no data, twice (the repair round): the guards refuse both.
  replies_.push_back(ToolAnswer(ModelTurn("Flats from 499 euros.", {})));
  replies_.push_back(ToolAnswer(ModelTurn("Flats from 499 euros.", {})));
  auto check = Check();
  ASSERT_FALSE(check.ok());
  EXPECT_THAT(check.error().message, HasSubstr("could not be used"));
}

TEST_F(ModelCheckTest, ItRefusesToRunWhereSlowCallsAreForbidden) {
  const base::NoSlowCalls guard("an HTTP request handler");
  auto check = Check();
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, base::ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(requests_.empty());
}

TEST_F(ModelCheckTest, EveryReasonToFallBackHasItsOwnWords) {
  std::vector<std::string> reasons = {"deadline", "truncated_prompt"};
  for (int k = 0; k <= static_cast<int>(FailureKind::kMalformed); ++k) {
    reasons.emplace_back(ToString(static_cast<FailureKind>(k)));
  }
  for (const std::string& reason : reasons) {
    EXPECT_THAT(OwnerWords(reason), Not(HasSubstr("did not answer ("))) << reason;
  }
  EXPECT_EQ(OwnerWords("circuit_open"), "the model did not answer (circuit_open)");
}

}  // namespace
}  // namespace brain::llm
