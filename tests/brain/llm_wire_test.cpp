// Every response shape and error of the reference (shared/reference/llm-servers.md §3-4), one
// fixture each in tests/data/llm/, read by ReadCompletion or classified by ClassifyError. A
// fixture without a row here fails the suite: a new fixture is a new test case.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "brain/llm/completion.h"
#include "brain/llm/failure.h"
#include "testing/fixture.h"

namespace brain::llm {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

const std::filesystem::path kFolder = testing_support::DataDir() / "llm";
const base::TimePoint kNow = base::FromMillis(1'767'261'600'000);

std::string Fixture(const std::string& name) { return testing_support::ReadFixture("llm/" + name); }

// A 200 the reader accepts.
struct Answer {
  Finish finish;
  std::size_t calls;          // tool calls read
  std::string content;        // a part of the content ("" when it must be empty)
  int prompt_tokens;          // 0 when the answer carries no usage
  std::string first_query{};  // the first call's "query" argument
};

const std::map<std::string, Answer>& Answers() {
  static const std::map<std::string, Answer> kAnswers = {
      {"openai-tool-call.json", {Finish::kToolCalls, 1, "", 1843, "tênis vermelho"}},
      {"openai-refusal.json", {Finish::kStop, 0, "", 0}},
      {"azure-json-schema.json", {Finish::kStop, 0, "\"reply\":\"Temos sim", 1302}},
      {"ollama-tool-call-reasoning.json", {Finish::kToolCalls, 1, "", 912, "tênis vermelho"}},
      {"ollama-silently-truncated.json", {Finish::kStop, 0, "part of a product list", 2050}},
      {"vllm-tool-call.json", {Finish::kToolCalls, 1, "", 1210, "tênis vermelho"}},
      {"vllm-tool-call-in-content.json", {Finish::kStop, 1, "", 0, "tênis vermelho"}},
      {"llamacpp-arguments-object.json", {Finish::kToolCalls, 1, "", 1187, "tênis vermelho"}},
      {"llamacpp-empty-id.json", {Finish::kToolCalls, 1, "", 1100, "tênis vermelho"}},
      {"lmstudio-tool-call.json", {Finish::kToolCalls, 1, "", 1190, "tênis vermelho"}},
      {"lmstudio-call-without-function.json", {Finish::kToolCalls, 0, "", 1190}},
      {"openrouter-stop.json", {Finish::kStop, 0, "R$ 199,90", 1204}},
      {"openrouter-error-in-200.json", {Finish::kError, 0, "", 0}},
      {"groq-tool-call.json", {Finish::kToolCalls, 1, "", 1180, "tênis vermelho"}},
      {"any-inline-think.json", {Finish::kStop, 0, "{\"reply\":\"R$ 199,90\"", 0}},
      {"any-cut-off.json", {Finish::kLength, 0, "T-RED-40", 1500}},
      {"any-keepalive-whitespace.json", {Finish::kStop, 0, "Hello!", 900}},
      {"any-code-fence.json", {Finish::kStop, 0, "{\"reply\":\"Hello!\"", 0}},
      {"any-empty-message.json", {Finish::kStop, 0, "", 0}},
  };
  return kAnswers;
}

// A 200 the reader refuses.
const std::set<std::string>& Unreadable() {
  static const std::set<std::string> kUnreadable = {"any-no-choices.json", "any-not-json.json"};
  return kUnreadable;
}

// An error answer: its status (and headers), and what it is.
struct Error {
  int status;
  FailureKind kind;
  Headers headers{};
  std::optional<base::Duration> retry_after{};
  std::optional<int> context_limit{};
  std::string param{};
};

const std::map<std::string, Error>& Errors() {
  static const std::map<std::string, Error> kErrors = {
      {"openai-429-rate-limit.json",
       {429,
        FailureKind::kRateLimited,
        {{"retry-after", "1"}, {"x-ratelimit-reset-tokens", "644ms"}},
        1s}},
      {"openai-429-request-too-large.json", {429, FailureKind::kTooLargeForRate}},
      {"openai-429-quota.json", {429, FailureKind::kQuota}},
      {"openai-429-quota-old.json", {429, FailureKind::kQuota}},
      {"openai-429-spend-limit.json", {429, FailureKind::kQuota}},
      {"azure-429-rate-limit.json",
       {429, FailureKind::kRateLimited, {{"Retry-After-Ms", "2000"}, {"Retry-After", "2"}}, 2s}},
      {"azure-429-daily-quota.json", {429, FailureKind::kQuota, {}, 86400s}},
      {"openrouter-402-credits.json", {402, FailureKind::kQuota}},
      {"openai-401-bad-key.json", {401, FailureKind::kBadKey}},
      {"azure-401-bad-key.json", {401, FailureKind::kBadKey}},
      {"llamacpp-401-bad-key.json", {401, FailureKind::kBadKey}},
      {"openai-404-model.json", {404, FailureKind::kUnknownModel}},
      {"azure-404-deployment.json", {404, FailureKind::kUnknownModel}},
      {"ollama-404-model.json", {404, FailureKind::kUnknownModel}},
      {"openai-400-context.json", {400, FailureKind::kContextTooLong, {}, {}, 128000}},
      {"vllm-400-context-flat.json", {400, FailureKind::kContextTooLong, {}, {}, 8192}},
      {"llamacpp-400-context.json", {400, FailureKind::kContextTooLong, {}, {}, 8192}},
      {"vllm-400-auto-tool-choice.json", {400, FailureKind::kToolsUnsupported}},
      {"llamacpp-500-tools-need-jinja.json", {500, FailureKind::kToolsUnsupported}},
      {"ollama-400-no-tools.json", {400, FailureKind::kToolsUnsupported}},
      {"lmstudio-400-response-format.json",
       {400, FailureKind::kParameterRejected, {}, {}, {}, "response_format"}},
      {"openai-400-unsupported-parameter.json",
       {400, FailureKind::kParameterRejected, {}, {}, {}, "max_tokens"}},
      {"openai-400-unsupported-value.json",
       {400, FailureKind::kParameterRejected, {}, {}, {}, "temperature"}},
      {"groq-400-tool-use-failed.json", {400, FailureKind::kToolCallFailed}},
      {"azure-400-content-filter.json", {400, FailureKind::kContentFiltered}},
      {"openrouter-403-moderation.json", {403, FailureKind::kContentFiltered}},
      {"llamacpp-503-loading.json", {503, FailureKind::kBusy}},
      {"proxy-502-html.json", {502, FailureKind::kBusy}},
      {"proxy-504-empty.json", {504, FailureKind::kBusy}},
      {"openrouter-408-timeout.json", {408, FailureKind::kServerError}},
      {"vllm-500-internal.json", {500, FailureKind::kServerError}},
  };
  return kErrors;
}

TEST(LlmFixturesTest, EveryFixtureHasItsCase) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kFolder)) {
    const std::string name = entry.path().filename().string();
    ++files;
    EXPECT_EQ(Answers().count(name) + Unreadable().count(name) + Errors().count(name), 1u)
        << name << " has no case (or more than one) in llm_wire_test.cpp";
  }
  EXPECT_EQ(files, Answers().size() + Unreadable().size() + Errors().size());
}

TEST(ReadCompletionTest, EveryAnswerIsReadToOneShape) {
  for (const auto& [name, want] : Answers()) {
    SCOPED_TRACE(name);
    auto c = ReadCompletion(Fixture(name));
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->finish, want.finish);
    ASSERT_EQ(c->tool_calls.size(), want.calls);
    if (want.content.empty()) {
      EXPECT_EQ(c->content, "");
    } else {
      EXPECT_THAT(c->content, HasSubstr(want.content));
    }
    EXPECT_EQ(c->usage.prompt_tokens, want.prompt_tokens);
    // Reasoning is never part of the content.
    EXPECT_THAT(c->content, ::testing::Not(HasSubstr("think")));
    EXPECT_THAT(c->content, ::testing::Not(HasSubstr("search first")));
    for (const ToolCall& call : c->tool_calls) {
      EXPECT_FALSE(call.id.empty());
      EXPECT_EQ(call.name, "search_catalog");
      ASSERT_TRUE(call.arguments.is_object()) << call.arguments.dump();
    }
    if (!want.first_query.empty()) {
      EXPECT_EQ(c->tool_calls[0].arguments.value("query", ""), want.first_query);
    }
  }
}

TEST(ReadCompletionTest, TheRestOfEachShapeIsKept) {
  auto openai = ReadCompletion(Fixture("openai-tool-call.json"));
  EXPECT_EQ(openai->id, "chatcmpl-FIXTURE0001");
  EXPECT_EQ(openai->model, "gpt-4.1-mini-2025-04-14");
  EXPECT_EQ(openai->usage.cached_tokens, 1536);
  EXPECT_EQ(openai->usage.completion_tokens, 27);
  EXPECT_EQ(openai->tool_calls[0].id, "call_Qm3xV8tYp2LkZ0aB");
  EXPECT_EQ(openai->tool_calls[0].arguments.value("max_results", 0), 5);
  EXPECT_EQ(ReadCompletion(Fixture("openai-refusal.json"))->refusal, "I can't help with that.");
  EXPECT_EQ(ReadCompletion(Fixture("llamacpp-empty-id.json"))->tool_calls[0].id, "call_1");
  EXPECT_EQ(ReadCompletion(Fixture("openrouter-error-in-200.json"))->error,
            "upstream returned an invalid response");
  EXPECT_FALSE(ReadCompletion(Fixture("any-no-choices.json")).ok());
  EXPECT_FALSE(ReadCompletion(Fixture("any-not-json.json")).ok());
}

TEST(ClassifyErrorTest, EveryErrorIsClassifiedAsTheReferenceSays) {
  for (const auto& [name, want] : Errors()) {
    SCOPED_TRACE(name);
    const Failure f = ClassifyError(want.status, want.headers, Fixture(name), kNow);
    EXPECT_EQ(ToString(f.kind), ToString(want.kind));
    EXPECT_EQ(f.status, want.status);
    EXPECT_EQ(f.retry_after, want.retry_after);
    EXPECT_EQ(f.context_limit, want.context_limit);
    EXPECT_EQ(f.param, want.param);
    EXPECT_LE(f.detail.size(), kMaxDetail);
  }
}

TEST(ClassifyErrorTest, WhatIsRetriedAndWhatNeedsTheOwner) {
  for (FailureKind k : {FailureKind::kQuota, FailureKind::kBadKey, FailureKind::kUnknownModel}) {
    EXPECT_FALSE(IsRetryable(k)) << ToString(k);
    EXPECT_TRUE(NeedsTheOwner(k)) << ToString(k);
  }
  for (FailureKind k : {FailureKind::kRateLimited, FailureKind::kBusy, FailureKind::kServerError,
                        FailureKind::kTimeout, FailureKind::kUnreachable}) {
    EXPECT_TRUE(IsRetryable(k)) << ToString(k);
    EXPECT_FALSE(NeedsTheOwner(k)) << ToString(k);
  }
  for (FailureKind k : {FailureKind::kTooLargeForRate, FailureKind::kContentFiltered,
                        FailureKind::kContextTooLong, FailureKind::kMalformed}) {
    EXPECT_FALSE(IsRetryable(k)) << ToString(k);
  }
}

TEST(ClassifyErrorTest, ARetryAfterDateIsAWaitFromNow) {
  const Failure f = ClassifyError(429, {{"Retry-After", "Thu, 01 Jan 2026 10:00:30 GMT"}},
                                  R"({"error":{"message":"slow down","code":"429"}})", kNow);
  EXPECT_EQ(f.kind, FailureKind::kRateLimited);
  EXPECT_EQ(f.retry_after, 30s);
}

TEST(ClassifyErrorTest, AnAbsurdWaitOrContextIsBoundedNotOverflowed) {
  const std::string huge(400, '9');  // beyond a double: strtod gives inf
  for (const auto& headers : std::vector<Headers>{
           {{"retry-after", "inf"}}, {{"retry-after-ms", "1e999"}}, {{"retry-after", huge}}}) {
    const Failure f =
        ClassifyError(429, headers, R"({"error":{"message":"slow down","code":"429"}})", kNow);
    EXPECT_EQ(f.retry_after, std::chrono::hours{24});
  }
  const Failure in_message = ClassifyError(
      429, {}, R"({"error":{"message":"Please try again in )" + huge + R"(s.","code":"429"}})",
      kNow);
  EXPECT_EQ(in_message.retry_after, std::chrono::hours{24});
  EXPECT_FALSE(ClassifyError(429, {{"retry-after", "nan"}}, "{}", kNow).retry_after.has_value());
  const Failure context =
      ClassifyError(400, {},
                    R"({"error":{"message":"This model's maximum context length is )" + huge +
                        R"( tokens.","code":"context_length_exceeded"}})",
                    kNow);
  EXPECT_EQ(context.kind, FailureKind::kContextTooLong);
  EXPECT_FALSE(context.context_limit.has_value());
}

TEST(ClassifyErrorTest, TheProvidersTextIsCut) {
  const std::string long_text(1000, 'x');
  const Failure f = ClassifyError(500, {}, R"({"error":{"message":")" + long_text + R"("}})", kNow);
  EXPECT_EQ(f.detail.size(), kMaxDetail);
}

}  // namespace
}  // namespace brain::llm
