// The llm brain's failures through `frontdesk serve`, one class at a time, a WhatsApp customer
// asking: what the customer receives (the fake Graph API's sends), what the CRM shows (the
// handoff notification), the model's calls and the llm_requests_total / llm_fallbacks_total
// counters of /metrics. Whatever fails, the customer is answered (by the model after a retry,
// by the local brain, or with the handoff message) and never sees the provider's error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "e2e/llm_server.h"
#include "testing/fixture.h"

namespace e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using testing_support::ContentAnswer;
using testing_support::LlmAnswer;
using testing_support::ReadFixture;

constexpr core::Channel kWhatsapp = core::Channel::kWhatsapp;
constexpr const char* kCustomer = "16505550102";
constexpr const char* kQuestion = "how much is the stoneware mug?";
constexpr const char* kReply = "The stoneware mug costs 14.90 USD, and 48 are in stock.";

std::string Greeted(const std::string& text) {
  return std::string(LlmServer::kGreeting) + "\n\n" + text;
}

std::string Requests(const std::string& result) {
  return R"(llm_requests_total{result=")" + result + R"("})";
}

std::string Fallbacks(const std::string& reason) {
  return R"(llm_fallbacks_total{reason=")" + reason + R"("})";
}

// The provider's own words in an error fixture.
std::string ProviderMessage(const std::string& fixture) {
  return json::parse(ReadFixture(fixture))["error"]["message"];
}

class LlmFallbackE2eTest : public ::testing::Test {
 protected:
  void Start(const std::map<std::string, std::string>& env = {}) {
    ASSERT_TRUE(server_.Start(env));
  }

  // The customer asks `question`; what they received once `count` texts were sent.
  std::vector<std::string> Ask(const std::string& question = kQuestion, std::size_t count = 1) {
    EXPECT_EQ(server_.CustomerWrites(kWhatsapp, kCustomer, question), 200);
    EXPECT_TRUE(server_.WaitForSent(kCustomer, count)) << server_.Describe(kWhatsapp, kCustomer);
    return server_.SentTo(kCustomer);
  }

  LlmServer server_;
};

TEST_F(LlmFallbackE2eTest, ARateLimitIsWaitedOutThenTheModelAnswers) {
  Start();
  server_.model().Script(LlmAnswer{.status = 429,
                                   .headers = {{"retry-after", "1"}},
                                   .body = ReadFixture("llm/openai-429-rate-limit.json")});
  server_.model().Script(Answers(ModelTurn(kReply)));
  EXPECT_THAT(Ask(), ::testing::ElementsAre(Greeted(kReply)));
  EXPECT_EQ(server_.model().calls().size(), 2u);
  EXPECT_EQ(server_.Metric(Requests("rate_limited")), 1);
  EXPECT_EQ(server_.Metric(Requests("ok")), 1);
  EXPECT_EQ(server_.Metric(Fallbacks("rate_limited")), 0);
}

TEST_F(LlmFallbackE2eTest, AServerErrorIsRetriedOnceThenTheModelAnswers) {
  Start();
  server_.model().Script(
      LlmAnswer{.status = 500, .body = ReadFixture("llm/vllm-500-internal.json")});
  server_.model().Script(Answers(ModelTurn(kReply)));
  EXPECT_THAT(Ask(), ::testing::ElementsAre(Greeted(kReply)));
  EXPECT_EQ(server_.model().calls().size(), 2u);
  EXPECT_EQ(server_.Metric(Requests("server_error")), 1);
  EXPECT_EQ(server_.Metric(Requests("ok")), 1);
  EXPECT_EQ(server_.Metric(Fallbacks("server_error")), 0);
}

TEST_F(LlmFallbackE2eTest, AnAnswerThatIsNotJsonIsRepairedOnce) {
  Start();
  server_.model().Script(LlmAnswer{.body = ReadFixture("llm/any-not-json.json")});
  server_.model().Script(Answers(ModelTurn(kReply)));
  EXPECT_THAT(Ask(), ::testing::ElementsAre(Greeted(kReply)));
  const auto calls = server_.model().calls();
  ASSERT_EQ(calls.size(), 2u);
  // The second call shows the model what was wrong.
  EXPECT_THAT(calls[1].body["messages"].back()["content"].get<std::string>(),
              HasSubstr("could not be read"));
  EXPECT_EQ(server_.Metric(Requests("malformed")), 1);
  EXPECT_EQ(server_.Metric(Requests("ok")), 1);
}

TEST_F(LlmFallbackE2eTest, ContentThatStaysMalformedAfterTheRepairFallsBackToTheLocalBrain) {
  Start();
  server_.model().Script(ContentAnswer("{\"reply\": \"The mug is"));
  server_.model().Script(ContentAnswer("still not {json"));
  const auto sent = Ask();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_THAT(sent[0], HasSubstr("14.90"));  // the local brain's answer from the catalog
  EXPECT_THAT(sent[0], Not(HasSubstr("The mug is")));
  EXPECT_THAT(sent[0], Not(HasSubstr("json")));
  EXPECT_EQ(server_.model().calls().size(), 2u);
  EXPECT_EQ(server_.Metric(Requests("malformed")), 2);
  EXPECT_EQ(server_.Metric(Fallbacks("malformed")), 1);
}

TEST_F(LlmFallbackE2eTest, AServerWithoutToolsIsAskedForStructuredOutputFromThenOn) {
  Start({{"FRONTDESK_LLM_OUTPUT", "tools"}});
  server_.model().Script(
      LlmAnswer{.status = 400, .body = ReadFixture("llm/ollama-400-no-tools.json")});
  server_.model().Script(Answers(ModelTurn(kReply)));
  EXPECT_THAT(Ask(), ::testing::ElementsAre(Greeted(kReply)));

  const std::string napkins = "The linen napkins cost 24.00 USD.";
  server_.model().Script(Answers(ModelTurn(napkins, {"Linen napkins"})));
  const auto sent = Ask("and the linen napkins?", 2);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1], napkins);
  const auto calls = server_.model().calls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_TRUE(calls[0].body.contains("tools"));
  for (std::size_t i : {1u, 2u}) {  // the switch, then the next turn without trying tools again
    EXPECT_FALSE(calls[i].body.contains("tools")) << i;
    EXPECT_TRUE(calls[i].body.contains("response_format")) << i;
  }
  EXPECT_EQ(server_.Metric(Requests("tools_unsupported")), 1);
  EXPECT_EQ(server_.Metric(Requests("ok")), 2);
}

// What only the owner can fix: never retried; the fallback answers.
struct OwnerFailure {
  std::string kind;  // the failure's kind, the metrics' label
  int status;
  std::string fixture;
  std::string fallback;  // local | handoff
};

void PrintTo(const OwnerFailure& f, std::ostream* os) { *os << f.kind << " with " << f.fallback; }

class LlmOwnerFailureE2eTest : public LlmFallbackE2eTest,
                               public ::testing::WithParamInterface<OwnerFailure> {};

TEST_P(LlmOwnerFailureE2eTest, IsNotRetriedAndTheFallbackAnswersWithoutTheProvidersWords) {
  const OwnerFailure& f = GetParam();
  Start({{"FRONTDESK_LLM_FALLBACK", f.fallback}});
  server_.model().SetResponder([&f](const testing_support::LlmCall&) {
    return LlmAnswer{.status = f.status, .body = ReadFixture(f.fixture)};
  });
  const auto sent = Ask();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_THAT(sent[0], Not(HasSubstr(ProviderMessage(f.fixture))));
  EXPECT_EQ(server_.model().calls().size(), 1u);
  EXPECT_EQ(server_.Metric(Requests(f.kind)), 1);
  EXPECT_EQ(server_.Metric(Fallbacks(f.kind)), 1);

  const Answer notifications = server_.Api("GET", "/notifications");
  ASSERT_EQ(notifications.status, 200) << notifications.raw;
  EXPECT_THAT(notifications.raw, Not(HasSubstr(ProviderMessage(f.fixture))));
  const auto conversation = server_.Conversation(kWhatsapp, kCustomer);
  ASSERT_TRUE(conversation);
  if (f.fallback == "local") {
    EXPECT_THAT(sent[0], HasSubstr("14.90"));  // the local brain's answer from the catalog
    EXPECT_EQ(notifications.body["notifications"].size(), 0u);
    EXPECT_EQ(conversation->conversation.lease.mode, core::Mode::kAi);
  } else {
    EXPECT_EQ(sent[0], Greeted(LlmServer::kHandoffMessage));
    ASSERT_EQ(notifications.body["notifications"].size(), 1u);
    EXPECT_EQ(notifications.body["notifications"][0]["kind"], "handoff");
    EXPECT_EQ(notifications.body["notifications"][0]["reason"], "ai_failure");
    EXPECT_EQ(conversation->conversation.lease.mode, core::Mode::kManual);
  }
}

std::vector<OwnerFailure> OwnerFailures() {
  std::vector<OwnerFailure> all;
  for (const std::string fallback : {"local", "handoff"}) {
    all.push_back({"quota", 429, "llm/openai-429-quota.json", fallback});
    all.push_back({"bad_key", 401, "llm/openai-401-bad-key.json", fallback});
    all.push_back({"unknown_model", 404, "llm/openai-404-model.json", fallback});
  }
  return all;
}

INSTANTIATE_TEST_SUITE_P(Fallbacks, LlmOwnerFailureE2eTest, ::testing::ValuesIn(OwnerFailures()),
                         [](const auto& info) {
                           return info.param.kind + "_" + info.param.fallback;
                         });

// A model that never finishes its answer: the turn's deadline (2 s) cuts it, and the customer
// has the fallback's message within a second of it.
class LlmDeadlineE2eTest : public LlmFallbackE2eTest,
                           public ::testing::WithParamInterface<std::string> {};

TEST_P(LlmDeadlineE2eTest, TheCustomerIsAnsweredWithinASecondOfTheTurnsDeadline) {
  constexpr auto kDeadline = std::chrono::seconds{2};
  constexpr auto kSlack = std::chrono::seconds{1};
  Start({{"FRONTDESK_LLM_TURN_DEADLINE", "2s"}, {"FRONTDESK_LLM_FALLBACK", GetParam()}});
  LlmAnswer stalls = Answers(ModelTurn(kReply));
  stalls.ending = LlmAnswer::Ending::kNeverEnds;
  server_.model().SetResponder([stalls](const testing_support::LlmCall&) { return stalls; });

  // The reply comes due when the message is taken in, after the webhook is posted: measured from
  // the post, the wait is never shorter than the server's.
  const auto posted = std::chrono::steady_clock::now();
  ASSERT_EQ(server_.CustomerWrites(kWhatsapp, kCustomer, kQuestion), 200);
  ASSERT_TRUE(WaitFor([&] { return !server_.SentTo(kCustomer).empty(); }))
      << server_.Describe(kWhatsapp, kCustomer);
  const auto waited = std::chrono::steady_clock::now() - posted;
  EXPECT_LE(waited, kDeadline + kSlack)
      << std::chrono::duration_cast<std::chrono::milliseconds>(waited).count() << " ms";

  const auto sent = server_.SentTo(kCustomer);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_THAT(sent[0], Not(HasSubstr(kReply)));
  if (GetParam() == "local") {
    EXPECT_THAT(sent[0], HasSubstr("14.90"));
  } else {
    EXPECT_EQ(sent[0], Greeted(LlmServer::kHandoffMessage));
    const Answer notifications = server_.Api("GET", "/notifications");
    ASSERT_EQ(notifications.body["notifications"].size(), 1u) << notifications.raw;
    EXPECT_EQ(notifications.body["notifications"][0]["reason"], "ai_failure");
  }
  EXPECT_EQ(server_.model().calls().size(), 1u);  // no retry fits in what is left
  EXPECT_EQ(server_.Metric(Requests("timeout")), 1);
  EXPECT_EQ(server_.Metric(Fallbacks("timeout")), 1);
}

INSTANTIATE_TEST_SUITE_P(Fallbacks, LlmDeadlineE2eTest, ::testing::Values("local", "handoff"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace e2e
