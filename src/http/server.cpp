// The server's life: bind, accept, stop. The per-connection coroutine is in session.cpp.
#include "http/server.h"

// clang-format off
#include <utility>  // first: Boost 1.74's asio/awaitable.hpp uses std::exchange without it
// clang-format on

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <exception>
#include <thread>

#include "http/server_state.h"

namespace http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using internal::ServerState;

// After a failed accept (out of file descriptors, say), wait before trying again.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(50);
// Seconds, for http_request_duration_seconds.
const std::vector<double> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                             0.25,  0.5,    1,     2.5,  5,     10};

asio::awaitable<void> AcceptLoop(ServerState& s) {
  asio::steady_timer retry(s.acceptor.get_executor());
  for (;;) {
    tcp::socket socket(asio::make_strand(s.ioc));
    boost::system::error_code ec;
    co_await s.acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (s.stopping.load() || !s.acceptor.is_open()) co_return;
    if (ec) {
      s.Log("accept failed: " + ec.message());
      retry.expires_after(kAcceptRetryDelay);
      co_await retry.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    internal::StartSession(s, std::move(socket));
  }
}

}  // namespace

namespace internal {

ServerMetrics::ServerMetrics(base::Metrics& metrics, const Router& router)
    : requests(metrics.AddCounterFamily("http_requests_total",
                                        "HTTP requests answered, by method, route and status.",
                                        {"method", "route", "status"})),
      in_flight(metrics.AddGauge("http_requests_in_flight", "HTTP requests being handled.")),
      connections(metrics.AddGauge("http_connections_open", "Open HTTP connections.")),
      streams(metrics.AddGauge("http_event_streams_open", "Open server-sent event streams.")) {
  base::HistogramFamily& latency = metrics.AddHistogramFamily(
      "http_request_duration_seconds",
      "Time from a request read to its response written (to its stream opened), by route.",
      {"route"}, kLatencyBuckets);
  for (const Router::Route& r : router.routes()) {
    latency_by_route.push_back(&latency.WithLabels({r.pattern}));
  }
  unmatched_latency = &latency.WithLabels({kUnmatchedRoute});
}

base::Histogram& ServerMetrics::Latency(std::optional<std::size_t> route_index) const {
  if (route_index && *route_index < latency_by_route.size()) {
    return *latency_by_route[*route_index];
  }
  return *unmatched_latency;
}

ServerState::ServerState(ServerSettings s, Router r, base::Metrics& m)
    : settings(std::move(s)),
      router(std::move(r)),
      largest_body_limit(router.LargestBodyLimit(settings.max_body_bytes)),
      metrics(m, router),
      ioc(static_cast<int>(std::max<std::size_t>(1, settings.io_threads))),
      acceptor(asio::make_strand(ioc)) {}

void ServerState::Log(std::string_view line) const {
  if (settings.error_log) settings.error_log(line);
}

}  // namespace internal

struct Server::Impl {
  Impl(ServerSettings settings, Router router, base::Metrics& metrics)
      : state(std::move(settings), std::move(router), metrics) {}

  void RunIo() {
    for (;;) {
      try {
        state.ioc.run();
        return;
      } catch (...) {  // our coroutines catch their own; this is a last resort
        state.Log("io thread caught: " + internal::DescribeException(std::current_exception()));
      }
    }
  }

  void RequestStop() {
    std::lock_guard lock(stop_request_mutex);
    stop_requested = true;
    stop_requested_changed.notify_all();
  }

  ServerState state;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;

  std::mutex control_mutex;  // held through Start and Stop
  bool started = false;
  bool stopped = false;

  std::mutex stop_request_mutex;  // for RunUntilSignal
  std::condition_variable stop_requested_changed;
  bool stop_requested = false;
};

Server::Server(ServerSettings settings, Router router, base::Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(router), metrics)) {}

Server::~Server() { Stop(base::Duration{0}); }

base::Result<std::uint16_t> Server::Start() {
  std::lock_guard lock(impl_->control_mutex);
  ServerState& s = impl_->state;
  if (impl_->started) return base::Error::FailedPrecondition("the server was already started");
  if (s.settings.worker_threads == 0 || s.settings.io_threads == 0) {
    return base::Error::InvalidArgument("the server needs at least one io and one worker thread");
  }
  if (base::Status routes = s.router.status(); !routes.ok()) return routes.error();
  boost::system::error_code ec;
  const asio::ip::address address = asio::ip::make_address(s.settings.address, ec);
  if (ec) {
    return base::Error::InvalidArgument("invalid listen address '" + s.settings.address + "'");
  }
  const tcp::endpoint endpoint(address, s.settings.port);
  const std::string where = s.settings.address + ":" + std::to_string(s.settings.port);
  if (s.acceptor.open(endpoint.protocol(), ec); !ec) {
    s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  const tcp::endpoint bound = ec ? tcp::endpoint() : s.acceptor.local_endpoint(ec);
  if (ec) {
    boost::system::error_code ignored;
    s.acceptor.close(ignored);
    return base::Error::Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  impl_->started = true;
  s.pool.emplace(s.settings.worker_threads);
  impl_->work.emplace(s.ioc.get_executor());
  asio::co_spawn(s.acceptor.get_executor(), AcceptLoop(s), [&s](std::exception_ptr e) {
    if (e) s.Log("the accept loop ended: " + internal::DescribeException(e));
  });
  for (std::size_t i = 0; i < s.settings.io_threads; ++i) {
    impl_->io_threads.emplace_back([this] { impl_->RunIo(); });
  }
  return bound.port();
}

void Server::Stop(base::Duration grace) {
  std::lock_guard lock(impl_->control_mutex);
  if (!impl_->started || impl_->stopped) return;
  impl_->stopped = true;
  impl_->RequestStop();
  ServerState& s = impl_->state;
  s.stopping.store(true);
  const auto closed = std::make_shared<internal::Countdown>(1);
  asio::post(s.acceptor.get_executor(), [&s, closed] {
    boost::system::error_code ignored;
    s.acceptor.close(ignored);
    closed->Done();
  });
  closed->Wait();
  internal::NudgeSessions(s);
  {
    std::unique_lock sessions_lock(s.sessions_mutex);
    s.sessions_changed.wait_for(sessions_lock, grace, [&s] { return s.sessions.empty(); });
  }
  internal::CloseSessions(s);
  // Handlers already running are waited for; queued ones are dropped with their connections.
  s.pool->stop();
  s.pool->join();
  impl_->work.reset();
  s.ioc.stop();
  for (std::thread& t : impl_->io_threads) t.join();
  impl_->io_threads.clear();
}

void Server::RunUntilSignal(base::Duration grace) {
  {
    asio::signal_set signals(impl_->state.ioc, SIGINT, SIGTERM);
    signals.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) impl_->RequestStop();
    });
    std::unique_lock lock(impl_->stop_request_mutex);
    impl_->stop_requested_changed.wait(lock, [this] { return impl_->stop_requested; });
    lock.unlock();
    Stop(grace);
  }
}

}  // namespace http
