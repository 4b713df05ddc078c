// Helpers for the http tests: a raw TCP client for what real clients will not send, a gate to
// hold handlers, bounded waits, and a server started on 127.0.0.1, port 0.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/metrics.h"
#include "http/client.h"
#include "http/server.h"

namespace http_testing {

using namespace std::chrono_literals;

inline constexpr auto kWaitLimit = std::chrono::seconds(10);  // no test waits longer

// Polls `condition` until it holds or `limit` passes. Returns whether it held.
bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds limit = kWaitLimit);

// The process's libcurl set-up, shared by the tests.
const http::CurlGlobal& Curl();

// A blocking TCP connection to 127.0.0.1 that sends and reads raw bytes.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(std::string_view bytes);
  // Reads until `done(everything read so far)` holds, the peer closes or `limit` passes. Returns
  // everything read (also kept for the next call once `done` is met: see Take).
  std::string ReadUntil(const std::function<bool(const std::string&)>& done,
                        std::chrono::milliseconds limit = kWaitLimit);
  // Reads one whole response (headers and its Content-Length body) and removes it from the
  // buffer. nullopt when it did not arrive in time.
  struct Response {
    int status = 0;
    std::string head;  // status line and fields
    std::string body;
  };
  std::optional<Response> ReadResponse(std::chrono::milliseconds limit = kWaitLimit);
  // True when the peer closes (EOF or reset) within `limit`; data before it is discarded.
  bool WaitClosed(std::chrono::milliseconds limit = kWaitLimit);
  void Close();

 private:
  int fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
};

// Holds handlers inside Enter() until Open(); counts who entered.
class Gate {
 public:
  void Enter();
  void Open();
  bool WaitEntered(int count, std::chrono::milliseconds limit = kWaitLimit);

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool open_ = false;
};

// A Server on 127.0.0.1 and a free port, with its own metrics.
struct TestServer {
  explicit TestServer(http::Router router, http::ServerSettings settings = {});
  ~TestServer();

  std::string Url(std::string_view path) const;
  // The value of one rendered series line ("name{labels}"), or nullopt.
  std::optional<double> Metric(std::string_view series) const;

  base::Metrics metrics;
  std::unique_ptr<http::Server> server;
  std::uint16_t port = 0;
  bool started = false;
};

// A port nothing listens on (bound, then released).
std::uint16_t UnusedPort();

}  // namespace http_testing
