// Test support: a fake Graph API (cpp-httplib) on loopback that records what the server sends.
#pragma once

#include <httplib.h>

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "testing/loopback_server.h"

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

// A fake Graph API: answers each message POST with the next scripted reply (default: accepted,
// with a fresh wamid) and records it. Read marks and typing indicators (WhatsApp's status read,
// Messenger's sender_action) are answered {"success":true} and recorded apart, as signals.
class FakeGraph {
 public:
  FakeGraph();
  bool started() const { return started_; }
  int port() const { return loopback_.port(); }
  void Script(int status, std::string body);  // the next reply; "{n}" becomes the request number
  std::vector<GraphRequest> requests();       // the messages sent
  std::vector<GraphRequest> signals();        // the read marks and typing indicators
  std::size_t count();

 private:
  std::mutex mutex_;
  std::deque<std::pair<int, std::string>> script_;
  std::vector<GraphRequest> requests_;
  std::vector<GraphRequest> signals_;
  bool started_ = false;
  testing_support::LoopbackServer loopback_;  // last: stopped first
};

}  // namespace e2e
