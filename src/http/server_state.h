// Private to server.cpp and session.cpp: the state they share. It includes Asio, so nothing else
// may include it (keeping Asio out of every other header keeps compiles fast).
#pragma once

// clang-format off
#include <utility>  // first: Boost 1.74's asio/awaitable.hpp uses std::exchange without it
// clang-format on

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace http::internal {

inline constexpr std::string_view kUnmatchedRoute = "unmatched";

struct ServerMetrics {
  ServerMetrics(base::Metrics& metrics, const Router& router);
  // The latency series of routes()[index], or of unmatched requests for nullopt. Cached handles.
  base::Histogram& Latency(std::optional<std::size_t> route_index) const;

  base::CounterFamily& requests;  // method, route, status
  base::Gauge& in_flight;
  base::Gauge& connections;
  base::Gauge& streams;
  std::vector<base::Histogram*> latency_by_route;
  base::Histogram* unmatched_latency;
};

// A connection's state; defined in session.cpp.
struct Connection;

// Stop posts work to the io threads and waits until it has run: a handler posted but not run
// before the io_context stops would leave a socket open. Bounded, in case an io thread is stuck.
inline constexpr auto kPostedWorkWait = std::chrono::seconds(2);
class Countdown {
 public:
  explicit Countdown(std::size_t count) : count_(count) {}
  void Done() {
    std::lock_guard lock(mutex_);
    if (count_ > 0 && --count_ == 0) zero_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mutex_);
    zero_.wait_for(lock, kPostedWorkWait, [this] { return count_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable zero_;
  std::size_t count_;
};

struct ServerState {
  ServerState(ServerSettings settings, Router router, base::Metrics& metrics);

  // One line to ServerSettings::error_log, if set.
  void Log(std::string_view line) const;

  const ServerSettings settings;
  const Router router;
  // Of the server and every route: the limit while a request's header is read, before its route
  // (and so its own limit) is known.
  const std::size_t largest_body_limit;
  ServerMetrics metrics;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> queued{0};  // requests waiting for a worker

  // Live sessions, for Stop. A session registers before its coroutine starts and leaves when its
  // coroutine frame is destroyed (finished, or dropped at shutdown).
  std::mutex sessions_mutex;
  std::condition_variable sessions_changed;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> sessions;
  std::uint64_t next_session_id = 0;

  // Destroyed in reverse order: the pool first (its queued work holds sessions bound to the
  // io_context), then the acceptor, then the io_context (its pending handlers own sessions, which
  // unregister above).
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor;  // on its own strand
  std::optional<boost::asio::thread_pool> pool;
};

// Starts the coroutine of an accepted connection. Called on the acceptor's strand.
void StartSession(ServerState& state, boost::asio::ip::tcp::socket socket);
// Stopping: idle keep-alive connections close and event streams end now; busy connections end
// after their response (they see `stopping`). Returns once done on every connection's strand.
void NudgeSessions(ServerState& state);
// Closes every connection now (the grace period is over). Returns once done.
void CloseSessions(ServerState& state);

// The message of an exception caught as a pointer, for the error log.
inline std::string DescribeException(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace http::internal
