#include "e2e/serve_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

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
  server_.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
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
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
}

FakeGraph::~FakeGraph() {
  server_.stop();
  thread_.join();
}

void FakeGraph::Script(int status, std::string body) {
  std::lock_guard lock(mutex_);
  script_.emplace_back(status, std::move(body));
}

std::vector<GraphRequest> FakeGraph::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t FakeGraph::count() {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

ServeProcess::~ServeProcess() { Terminate(); }

bool ServeProcess::Start() {
  int out[2];
  if (::pipe(out) != 0) return false;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    for (const auto& [name, value] : env_) ::setenv(name.c_str(), value.c_str(), 1);
    ::execl(FRONTDESK_BINARY, FRONTDESK_BINARY, "serve", static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  ::close(out[1]);
  // The first line: "frontdesk serving on http://127.0.0.1:PORT".
  std::string line;
  char ch;
  while (::read(out[0], &ch, 1) == 1 && ch != '\n') line += ch;
  stdout_ = out[0];  // kept open: the server may still write to it
  const auto colon = line.rfind(':');
  if (line.find("serving on") == std::string::npos || colon == std::string::npos) return false;
  port_ = std::atoi(line.c_str() + colon + 1);
  return port_ > 0;
}

void ServeProcess::Wait() {
  if (pid_ > 0) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (stdout_ >= 0) ::close(stdout_);
  stdout_ = -1;
}

void ServeProcess::Terminate() {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
  Wait();
}

void ServeProcess::Kill() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
  Wait();
}

int ServeProcess::Post(const std::string& path, const std::string& body,
                       const httplib::Headers& headers) {
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Post(path.c_str(), headers, body, "application/json");
  return res ? res->status : 0;
}

}  // namespace e2e
