// The HTTP/1.1 server: Beast + Asio coroutines behind a header free of both.
//
//   http::Router router;
//   router.Get("/hello", [](const http::Request&) { return http::Response::Text(200, "hi"); });
//   http::Server server(settings, std::move(router), metrics);
//   base::Result<std::uint16_t> port = server.Start();   // binds and serves
//   ...
//   server.Stop(std::chrono::seconds(10));               // graceful
//
// Threading model: one io_context run by `io_threads` threads owns every socket; each connection
// is one coroutine on its own strand (keep-alive loop; idle connections cost a coroutine frame,
// not a thread). Handlers run on a pool of `worker_threads` threads, so they may block; the
// connection's coroutine waits for them without holding an io thread. Requests waiting for a
// worker beyond `max_queued_requests` get 503.
//
// Limits: a body over max_body_bytes gets 413, a header block over max_header_bytes 431, a
// malformed request (or an HTTP version other than 1.0/1.1) 400, and the connection is then
// closed; so is a connection with no request for idle_timeout, one whose request is not fully
// received within request_timeout (Beast's timeout closes the socket: no 408), and one that
// does not take a response within request_timeout. `Expect: 100-continue` is answered. Handler
// exceptions give 500 and reach `error_log`; nothing a client sends can crash the server. HEAD is
// not derived from GET (register it if needed).
//
// Metrics (registered on the given registry, shared by several servers):
//   http_requests_total{method,route,status}   counter; route is the pattern, "unmatched" if none
//   http_request_duration_seconds{route}       histogram, from request read to response written
//   http_requests_in_flight                    gauge
//   http_connections_open, http_event_streams_open   gauges
//
// Signals: RunUntilSignal() blocks until SIGINT or SIGTERM and then stops. A caller that handles
// signals itself just calls Stop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/metrics.h"
#include "base/result.h"
#include "base/time.h"
#include "http/router.h"

namespace http {

inline constexpr std::size_t kDefaultMaxBodyBytes = 4 * 1024 * 1024;
inline constexpr std::size_t kDefaultMaxHeaderBytes = 16 * 1024;
inline constexpr base::Duration kDefaultIdleTimeout = std::chrono::seconds(30);
inline constexpr base::Duration kDefaultRequestTimeout = std::chrono::seconds(30);
inline constexpr base::Duration kDefaultStreamKeepalive = std::chrono::seconds(15);
inline constexpr std::size_t kDefaultWorkerThreads = 4;
inline constexpr std::size_t kDefaultMaxQueuedRequests = 1024;

struct ServerSettings {
  std::string address = "127.0.0.1";  // an IPv4 or IPv6 address to listen on
  std::uint16_t port = 0;             // 0: pick a free port (Start returns it)
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::size_t max_header_bytes = kDefaultMaxHeaderBytes;  // request line and fields
  // How long a keep-alive connection may wait for its next request.
  base::Duration idle_timeout = kDefaultIdleTimeout;
  // How long receiving one request may take once it started; also the bound of each write.
  base::Duration request_timeout = kDefaultRequestTimeout;
  // A comment line goes out on an event stream quiet for this long (keeps proxies from closing).
  base::Duration stream_keepalive = kDefaultStreamKeepalive;
  std::size_t worker_threads = kDefaultWorkerThreads;           // run handlers
  std::size_t io_threads = 1;                                   // run sockets
  std::size_t max_queued_requests = kDefaultMaxQueuedRequests;  // waiting for a worker
  // Receives one line per internal failure (handler exception with its what(), invalid response,
  // accept error), from any thread. Lines name the route, never request data. Empty: dropped.
  std::function<void(std::string_view)> error_log;
};

class Server {
 public:
  // `metrics` is borrowed and must outlive the server.
  Server(ServerSettings settings, Router router, base::Metrics& metrics);
  // Stops with no grace if still running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Returns the port listened on. Errors:
  // kInvalidArgument (bad address, zero threads, an invalid route: see Router::status),
  // kUnavailable when the address cannot be bound ("address already in use"),
  // kFailedPrecondition when called twice.
  base::Result<std::uint16_t> Start();

  // Graceful shutdown: stops accepting, closes idle keep-alive connections and event streams at
  // once, lets requests in flight finish and answers them with Connection: close. After `grace`,
  // the remaining connections are closed; handlers still running are waited for (they cannot be
  // interrupted: give them deadlines), queued ones are dropped. Joins every thread. Idempotent.
  // REQUIRES: not called from a handler.
  void Stop(base::Duration grace);

  // Blocks until SIGINT or SIGTERM arrives (or Stop is called elsewhere), then Stop(grace).
  // REQUIRES: Start succeeded.
  void RunUntilSignal(base::Duration grace);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace http
