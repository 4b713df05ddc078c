#include "testing/loopback_server.h"

#include <chrono>

namespace testing_support {

using namespace std::chrono_literals;

LoopbackServer::~LoopbackServer() {
  if (!thread_.joinable()) return;
  while (!returned_) {
    server.stop();
    std::this_thread::sleep_for(1ms);
  }
  thread_.join();
}

bool LoopbackServer::Start() {
  port_ = server.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) return false;
  thread_ = std::thread([this] {
    server.listen_after_bind();
    returned_ = true;
  });
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (!server.is_running()) {
    if (returned_ || std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

std::string LoopbackServer::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

}  // namespace testing_support
