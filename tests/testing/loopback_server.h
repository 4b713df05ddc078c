// Test and benchmark support: a cpp-httplib server on 127.0.0.1 and a free port, on a thread of
// its own, that starts and stops without racing its thread (a fake Graph API, a webhook
// receiver).
#pragma once

#include <httplib.h>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>

namespace testing_support {

class LoopbackServer {
 public:
  LoopbackServer() = default;
  // Stops the server and joins its thread, whenever it is destroyed: cpp-httplib's stop() does
  // nothing until the listening thread has begun, so it is repeated until that thread returns.
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Binds a free port and listens on a new thread; routes are registered on `server` before.
  // Returns once it accepts requests; false when it could not bind or did not start in 10 s.
  bool Start();
  int port() const { return port_; }
  std::string Url(std::string_view path) const;

  httplib::Server server;

 private:
  std::thread thread_;
  std::atomic<bool> returned_{false};
  int port_ = 0;
};

}  // namespace testing_support
