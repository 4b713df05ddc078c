// Test support: a fake OpenAI-compatible server on loopback (POST /v1/chat/completions and any
// other path), scripted per test like the fake Graph API. Each call is answered by the next
// scripted answer, else by the default responder; every request is recorded.
//
// An answer can wait before it starts (the model thinking: a fixed delay, or held until the test
// lets it go), carry any status, headers and body, and end three ways: whole, never (the body
// stalls until the server stops or Release() is called: a timeout for the client), or cut off
// mid-body (the connection reset).
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "testing/loopback_server.h"

namespace testing_support {

struct LlmAnswer {
  enum class Ending { kWhole, kNeverEnds, kResetMidBody };
  std::chrono::milliseconds delay{0};  // before the first byte
  // Before the first byte, waits until FakeLlm::LetGo (or Release): the model thinks for as long
  // as the test needs to act meanwhile.
  bool held = false;
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Ending ending = Ending::kWhole;
};

struct LlmCall {
  std::string path;
  std::string authorization;  // the Authorization header, or the api-key header
  nlohmann::json body;        // as sent (discarded when it was not JSON)
};

// Stands for "as many prompt tokens as the request held" (a quarter of its bytes, as a server
// would count them) in the answers below.
inline constexpr int kCountedPromptTokens = -1;

// A 200 whose message says `content`, with a usage of `prompt_tokens`.
LlmAnswer ContentAnswer(const std::string& content, int prompt_tokens = kCountedPromptTokens);
// A 200 whose message calls `tool` with `arguments`.
LlmAnswer ToolCallAnswer(const std::string& tool, const nlohmann::json& arguments,
                         int prompt_tokens = kCountedPromptTokens);

class FakeLlm {
 public:
  using Responder = std::function<LlmAnswer(const LlmCall&)>;
  FakeLlm();
  ~FakeLlm();  // releases stalled answers, then stops
  bool started() const { return started_; }
  // The base URL clients are configured with: http://127.0.0.1:PORT/v1
  std::string base_url() const { return loopback_.Url("/v1"); }

  void Script(LlmAnswer answer);
  // Answers when nothing is scripted (default: ContentAnswer("OK")).
  void SetResponder(Responder responder);
  // Ends every answer that never ends, and lets every held answer go, now and later.
  void Release();
  // Held answers waiting now.
  int holding();
  // Lets the held answers waiting now go on; answers held later wait for the next call.
  void LetGo();
  std::vector<LlmCall> calls();

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);

  std::mutex mutex_;
  std::condition_variable released_;
  std::deque<LlmAnswer> script_;
  Responder responder_;
  std::vector<LlmCall> calls_;
  bool release_ = false;
  int holding_ = 0;           // guarded by mutex_
  std::uint64_t let_go_ = 0;  // LetGo calls so far; guarded by mutex_
  bool started_ = false;
  LoopbackServer loopback_;  // last: stopped first
};

}  // namespace testing_support
