// Test support: `frontdesk serve` as a real child process, and a fake Graph API (cpp-httplib) on
// loopback that records what the server sends.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace e2e {

// Waits until `done` holds, checking every few milliseconds, for at most `limit`. Returns
// whether it held: a condition, never a fixed sleep.
bool WaitFor(const std::function<bool()>& done,
             std::chrono::milliseconds limit = std::chrono::seconds{20});

struct GraphRequest {
  std::string path;
  std::string authorization;
  std::string body;
};

// A fake Graph API: answers each POST with the next scripted reply (default: accepted, with a
// fresh wamid) and records it.
class FakeGraph {
 public:
  FakeGraph();
  ~FakeGraph();
  int port() const { return port_; }
  void Script(int status, std::string body);  // the next reply; "{n}" becomes the request number
  std::vector<GraphRequest> requests();
  std::size_t count();

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::deque<std::pair<int, std::string>> script_;
  std::vector<GraphRequest> requests_;
};

// `frontdesk serve` with FRONTDESK_* settings; Start waits for its "serving on" line.
class ServeProcess {
 public:
  explicit ServeProcess(std::map<std::string, std::string> env) : env_(std::move(env)) {}
  ~ServeProcess();
  // Starts the binary; false when it did not print its address.
  bool Start();
  void Terminate();  // SIGTERM, then wait
  void Kill();       // SIGKILL, then wait
  int port() const { return port_; }
  // POSTs `body` to `path` with the headers; returns the status (0 when unreachable).
  int Post(const std::string& path, const std::string& body, const httplib::Headers& headers = {});

 private:
  void Wait();
  std::map<std::string, std::string> env_;
  pid_t pid_ = -1;
  int stdout_ = -1;
  int port_ = 0;
};

}  // namespace e2e
