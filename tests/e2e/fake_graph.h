// Test support: a fake Graph API (cpp-httplib) on loopback that records what the server sends.
#pragma once

#include <httplib.h>

#include <chrono>
#include <deque>
#include <functional>
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

}  // namespace e2e
