// The fake OpenAI-compatible server the llm brain's tests talk to, through the real client:
// scripted statuses, headers and bodies, the default responder, recorded calls, and the two
// broken endings (a body that never ends, a connection reset mid-body).
#include "testing/fake_llm.h"

#include <gtest/gtest.h>

#include "http/client.h"
#include "http/test_support.h"

namespace testing_support {
namespace {

using namespace std::chrono_literals;

http::ClientRequest Completion(const FakeLlm& llm, base::Duration timeout = 5s) {
  return {.method = "POST",
          .url = llm.base_url() + "/chat/completions",
          .headers = {{"Authorization", "Bearer sk-test"}},
          .body = R"({"model":"m","messages":[]})",
          .timeout = timeout};
}

TEST(FakeLlmTest, AnswersAsScriptedThenByTheResponderAndRecordsEveryCall) {
  FakeLlm llm;
  ASSERT_TRUE(llm.started());
  llm.Script({.status = 429, .headers = {{"retry-after", "1"}}, .body = R"({"error":{}})"});
  llm.SetResponder(
      [](const LlmCall& call) { return ContentAnswer("model " + call.body.value("model", "?")); });
  const http::Client client(http_testing::Curl());
  auto limited = client.Send(Completion(llm));
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->Header("retry-after"), "1");
  auto answered = client.Send(Completion(llm));
  ASSERT_TRUE(answered.ok());
  EXPECT_EQ(answered->status, 200);
  EXPECT_NE(answered->body.find("model m"), std::string::npos);
  const auto calls = llm.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].path, "/v1/chat/completions");
  EXPECT_EQ(calls[0].authorization, "Bearer sk-test");
  EXPECT_EQ(calls[1].body["model"], "m");
}

TEST(FakeLlmTest, ABodyThatNeverEndsTimesTheClientOut) {
  FakeLlm llm;
  llm.Script({.body = ContentAnswer("never whole").body, .ending = LlmAnswer::Ending::kNeverEnds});
  const http::Client client(http_testing::Curl());
  http::ClientFailure failure = http::ClientFailure::kNone;
  EXPECT_FALSE(client.Send(Completion(llm, 300ms), &failure).ok());
  EXPECT_EQ(failure, http::ClientFailure::kTimeout);
}

TEST(FakeLlmTest, AConnectionResetMidBodyIsATransportFailure) {
  FakeLlm llm;
  llm.Script({.body = ContentAnswer("cut").body, .ending = LlmAnswer::Ending::kResetMidBody});
  const http::Client client(http_testing::Curl());
  http::ClientFailure failure = http::ClientFailure::kNone;
  EXPECT_FALSE(client.Send(Completion(llm), &failure).ok());
  EXPECT_EQ(failure, http::ClientFailure::kTransport);
}

}  // namespace
}  // namespace testing_support
