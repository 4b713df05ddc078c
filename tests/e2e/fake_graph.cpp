#include "e2e/fake_graph.h"

namespace e2e {

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  return done();
}

FakeGraph::FakeGraph() {
  loopback_.server.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    // Read marks and typing indicators are answered as Graph does, kept apart from messages.
    if (req.body.find("\"sender_action\"") != std::string::npos ||
        req.body.find("\"status\":\"read\"") != std::string::npos) {
      signals_.push_back({req.path, req.get_header_value("Authorization"), req.body});
      res.set_content(R"({"success":true})", "application/json");
      return;
    }
    requests_.push_back({req.path, req.get_header_value("Authorization"), req.body});
    if (!script_.empty()) {
      res.status = script_.front().first;
      // "{n}" becomes the request's number: every accepted send gets its own id.
      std::string body = script_.front().second;
      if (const auto at = body.find("{n}"); at != std::string::npos) {
        body.replace(at, 3, std::to_string(requests_.size()));
      }
      res.set_content(body, "application/json");
      script_.pop_front();
      return;
    }
    res.set_content(R"({"messaging_product":"whatsapp","messages":[{"id":"wamid.sent)" +
                        std::to_string(requests_.size()) + R"("}]})",
                    "application/json");
  });
  started_ = loopback_.Start();
}

void FakeGraph::Script(int status, std::string body) {
  std::lock_guard lock(mutex_);
  script_.emplace_back(status, std::move(body));
}

std::vector<GraphRequest> FakeGraph::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<GraphRequest> FakeGraph::signals() {
  std::lock_guard lock(mutex_);
  return signals_;
}

std::size_t FakeGraph::count() {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

}  // namespace e2e
