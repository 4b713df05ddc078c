#include "testing/fake_llm.h"

#include <thread>

namespace testing_support {

using nlohmann::json;

LlmAnswer ContentAnswer(const std::string& content, int prompt_tokens) {
  const json body = {
      {"id", "chatcmpl-fake"},
      {"object", "chat.completion"},
      {"model", "fake-model"},
      {"choices", json::array({{{"index", 0},
                                {"finish_reason", "stop"},
                                {"message", {{"role", "assistant"}, {"content", content}}}}})},
      {"usage",
       {{"prompt_tokens", prompt_tokens},
        {"completion_tokens", 20},
        {"total_tokens", prompt_tokens + 20}}}};
  return {.body = body.dump()};
}

LlmAnswer ToolCallAnswer(const std::string& tool, const json& arguments, int prompt_tokens) {
  const json call = {{"id", "call_fake"},
                     {"type", "function"},
                     {"function", {{"name", tool}, {"arguments", arguments.dump()}}}};
  const json body = {{"id", "chatcmpl-fake"},
                     {"object", "chat.completion"},
                     {"model", "fake-model"},
                     {"choices", json::array({{{"index", 0},
                                               {"finish_reason", "tool_calls"},
                                               {"message",
                                                {{"role", "assistant"},
                                                 {"content", nullptr},
                                                 {"tool_calls", json::array({call})}}}}})},
                     {"usage",
                      {{"prompt_tokens", prompt_tokens},
                       {"completion_tokens", 20},
                       {"total_tokens", prompt_tokens + 20}}}};
  return {.body = body.dump()};
}

FakeLlm::FakeLlm() : responder_([](const LlmCall&) { return ContentAnswer("OK"); }) {
  loopback_.server.Post(
      R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
  started_ = loopback_.Start();
}

FakeLlm::~FakeLlm() { Release(); }

void FakeLlm::Script(LlmAnswer answer) {
  std::lock_guard lock(mutex_);
  script_.push_back(std::move(answer));
}

void FakeLlm::SetResponder(Responder responder) {
  std::lock_guard lock(mutex_);
  responder_ = std::move(responder);
}

void FakeLlm::Release() {
  std::lock_guard lock(mutex_);
  release_ = true;
  released_.notify_all();
}

int FakeLlm::holding() {
  std::lock_guard lock(mutex_);
  return holding_;
}

void FakeLlm::LetGo() {
  std::lock_guard lock(mutex_);
  ++let_go_;
  released_.notify_all();
}

std::vector<LlmCall> FakeLlm::calls() {
  std::lock_guard lock(mutex_);
  return calls_;
}

void FakeLlm::Handle(const httplib::Request& req, httplib::Response& res) {
  LlmCall call{req.path,
               req.has_header("Authorization") ? req.get_header_value("Authorization")
                                               : req.get_header_value("api-key"),
               json::parse(req.body, nullptr, /*allow_exceptions=*/false)};
  LlmAnswer answer;
  {
    std::lock_guard lock(mutex_);
    calls_.push_back(call);
    if (!script_.empty()) {
      answer = std::move(script_.front());
      script_.pop_front();
    } else {
      answer = responder_(call);
    }
  }
  // The fake model thinking: real time, as a server's would be (tests on the fake clock never
  // script a delay).
  if (answer.delay.count() > 0) std::this_thread::sleep_for(answer.delay);
  if (answer.held) {
    std::unique_lock lock(mutex_);
    ++holding_;
    const std::uint64_t ticket = let_go_;
    released_.wait(lock, [&] { return release_ || let_go_ != ticket; });
    --holding_;
  }
  // Usage as a server would count it, unless the answer says otherwise (a truncated prompt).
  if (answer.body.find("\"prompt_tokens\":-1") != std::string::npos) {
    json body = json::parse(answer.body);
    body["usage"]["prompt_tokens"] = static_cast<int>(req.body.size() / 4);
    answer.body = body.dump();
  }
  res.status = answer.status;
  for (const auto& [name, value] : answer.headers) res.set_header(name, value);
  if (answer.ending == LlmAnswer::Ending::kWhole) {
    res.set_content(answer.body, "application/json");
    return;
  }
  const auto ending = answer.ending;
  const std::string half = answer.body.substr(0, answer.body.size() / 2);
  res.set_chunked_content_provider(
      "application/json", [this, ending, half](std::size_t offset, httplib::DataSink& sink) {
        if (offset == 0) {
          sink.write(half.data(), half.size());
          return true;
        }
        if (ending == LlmAnswer::Ending::kResetMidBody) return false;  // drops the connection
        std::unique_lock lock(mutex_);
        released_.wait(lock, [this] { return release_; });
        return false;
      });
}

}  // namespace testing_support
