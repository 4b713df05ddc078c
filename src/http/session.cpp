// One connection's coroutine: read a request, run its handler on the worker pool, write the
// response, repeat while keep-alive; or serve an event stream. Every Beast read/write template is
// instantiated here and only here: this is the slowest file to compile, so keep it stable.
// clang-format off
#include <utility>  // first: Boost 1.74's asio/awaitable.hpp uses std::exchange without it
// clang-format on

#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "base/slow_call_guard.h"
#include "http/server_state.h"

namespace http::internal {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

struct Connection {
  enum class Phase { kBusy, kIdle, kStreaming };

  explicit Connection(tcp::socket socket)
      : stream(std::move(socket)), wake(stream.get_executor()) {}

  // All of this is touched only on the connection's strand.
  beast::tcp_stream stream;
  asio::steady_timer wake;  // an event stream waits on it; cancel() wakes it
  Phase phase = Phase::kBusy;
  bool peer_gone = false;  // an event stream's client closed its side
  std::string remote_address;
};

namespace {

constexpr std::size_t kReadChunk = 4096;
// After an error reply, the unread rest of the request is drained (up to these bounds) so that
// closing does not reset the connection before the client has read the reply.
constexpr std::size_t kLingerMaxBytes = 256 * 1024;
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr std::string_view kKeepaliveComment = ":\n\n";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr unsigned kHttp10 = 10;
constexpr unsigned kHttp11 = 11;
constexpr int kMinStatus = 200;  // handlers send final responses only
constexpr int kMaxStatus = 599;
constexpr int kNoContent = 204;
constexpr int kNotModified = 304;

std::string_view Std(beast::string_view s) { return {s.data(), s.size()}; }
beast::string_view Beast(std::string_view s) { return {s.data(), s.size()}; }

// Fields the server sets itself; a handler's copies are dropped.
bool IsFramingField(std::string_view name) {
  return EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding") ||
         EqualsIgnoreCase(name, "Connection");
}

bool HasValidFields(const Response& r) {
  if (!IsValidHeaderValue(r.content_type)) return false;
  return std::all_of(r.headers.begin(), r.headers.end(), [](const HeaderField& f) {
    return IsValidHeaderName(f.name) && IsValidHeaderValue(f.value);
  });
}

// The reply to a request that could not be read, or nullopt to just close (the client left, or
// went silent past request_timeout).
std::optional<Response> ReplyToReadError(const error_code& ec) {
  if (ec == bhttp::error::body_limit) return Response::PayloadTooLarge();
  if (ec == bhttp::error::header_limit) return Response::HeadersTooLarge();
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return std::nullopt;
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
    return Response::BadRequest();
  }
  return std::nullopt;
}

// Counts a request in the metrics when it goes out of scope.
class RequestRecord {
 public:
  RequestRecord(ServerState& s, std::string_view method)
      : state_(s), method_(method), started_(std::chrono::steady_clock::now()) {
    state_.metrics.in_flight.Add(1);
  }
  ~RequestRecord() {
    const std::string_view route =
        route_index_ ? std::string_view(state_.router.routes()[*route_index_].pattern)
                     : kUnmatchedRoute;
    state_.metrics.requests.WithLabels({method_, route, std::to_string(status_)}).Increment();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started_;
    state_.metrics.Latency(route_index_).Observe(elapsed.count());
    state_.metrics.in_flight.Add(-1);  // last: once in-flight drops, the request is counted
  }
  RequestRecord(const RequestRecord&) = delete;
  RequestRecord& operator=(const RequestRecord&) = delete;

  void set_route(std::size_t index) { route_index_ = index; }
  void set_status(int status) { status_ = status; }

 private:
  ServerState& state_;
  std::string_view method_;  // a ToString(Method): static
  std::chrono::steady_clock::time_point started_;
  std::optional<std::size_t> route_index_;
  int status_ = 0;
};

// Registers a session for Stop and the connection gauge; unregisters when the coroutine frame
// that owns it is destroyed, whether it ran to its end or was dropped at shutdown.
class SessionTicket {
 public:
  SessionTicket(ServerState& s, const std::shared_ptr<Connection>& c) : state_(&s) {
    std::lock_guard lock(s.sessions_mutex);
    id_ = s.next_session_id++;
    s.sessions.emplace(id_, c);
    s.metrics.connections.Add(1);
  }
  SessionTicket(SessionTicket&& other) noexcept
      : state_(std::exchange(other.state_, nullptr)), id_(other.id_) {}
  SessionTicket(const SessionTicket&) = delete;
  SessionTicket& operator=(const SessionTicket&) = delete;
  SessionTicket& operator=(SessionTicket&&) = delete;
  ~SessionTicket() {
    if (state_ == nullptr) return;
    std::lock_guard lock(state_->sessions_mutex);
    state_->sessions.erase(id_);
    state_->metrics.connections.Add(-1);
    state_->sessions_changed.notify_all();
  }

 private:
  ServerState* state_;
  std::uint64_t id_ = 0;
};

// Detaches an event stream and counts it while it is open.
class StreamRecord {
 public:
  StreamRecord(ServerState& s, std::shared_ptr<EventStream> stream)
      : state_(s), stream_(std::move(stream)) {
    state_.metrics.streams.Add(1);
  }
  ~StreamRecord() {
    stream_->Detach();
    state_.metrics.streams.Add(-1);
  }
  StreamRecord(const StreamRecord&) = delete;
  StreamRecord& operator=(const StreamRecord&) = delete;

 private:
  ServerState& state_;
  std::shared_ptr<EventStream> stream_;
};

// Runs `work` on the worker pool and resumes on the connection's strand. Returns false with
// `refusal` set when the queue is full (503) or `work` threw (500). One instantiation for every
// kind of handler: the co_spawn machinery is costly to compile.
asio::awaitable<bool> OnWorker(ServerState& s, const std::function<void()>& work,
                               std::string_view route, Response& refusal) {
  if (s.queued.fetch_add(1) >= s.settings.max_queued_requests) {
    s.queued.fetch_sub(1);
    refusal = Response::Unavailable();
    co_return false;
  }
  try {
    co_await asio::co_spawn(
        *s.pool,
        [&s, &work]() -> asio::awaitable<void> {
          s.queued.fetch_sub(1);
          // A handler that waited on a slow call (a language model) would hold a worker, and
          // the requests queued behind it, for seconds.
          const base::NoSlowCalls request_thread("an HTTP request handler");
          work();
          co_return;
        },
        asio::use_awaitable);
    co_return true;
  } catch (...) {
    s.Log("handler of " + std::string(route) +
          " threw: " + DescribeException(std::current_exception()));
  }
  refusal = Response::InternalError();
  co_return false;
}

asio::awaitable<bool> WriteRaw(ServerState& s, Connection& c, std::string_view bytes) {
  error_code ec;
  c.stream.expires_after(s.settings.request_timeout);
  co_await asio::async_write(c.stream, asio::buffer(bytes.data(), bytes.size()),
                             asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

// Writes `r`; returns false when the connection failed. `keep_alive` false sends Connection:
// close.
asio::awaitable<bool> WriteResponse(ServerState& s, Connection& c, Response r, unsigned version,
                                    bool keep_alive, RequestRecord& record) {
  if (r.status < kMinStatus || r.status > kMaxStatus || !HasValidFields(r)) {
    s.Log("invalid response (status " + std::to_string(r.status) + " or a header field) replaced");
    r = Response::InternalError();
  }
  if (!r.log_note.empty()) s.Log("answered " + std::to_string(r.status) + ": " + r.log_note);
  record.set_status(r.status);
  bhttp::response<bhttp::string_body> res;
  res.version(version == kHttp10 ? kHttp10 : kHttp11);
  res.result(static_cast<unsigned>(r.status));
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, Beast(r.content_type));
  for (const HeaderField& f : r.headers) {
    if (!IsFramingField(f.name)) res.insert(Beast(f.name), Beast(f.value));
  }
  res.keep_alive(keep_alive);
  if (r.status == kNoContent || r.status == kNotModified) {
    res.body().clear();  // these never carry a body, nor a Content-Length
  } else {
    res.body() = std::move(r.body);
    res.prepare_payload();
  }
  error_code ec;
  c.stream.expires_after(s.settings.request_timeout);
  co_await bhttp::async_write(c.stream, res, asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

// Half-closes, then drains what the client still sends, within bounds.
asio::awaitable<void> Linger(Connection& c) {
  error_code ec;
  c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, kReadChunk> sink;
  std::size_t drained = 0;
  c.stream.expires_after(kLingerTimeout);
  while (!ec && drained < kLingerMaxBytes) {
    drained += co_await c.stream.async_read_some(asio::mutable_buffer(sink.data(), sink.size()),
                                                 asio::redirect_error(asio::use_awaitable, ec));
  }
}

// Reads until the client closes its side (an event stream's client sends nothing), then wakes
// the stream loop.
asio::awaitable<void> WatchPeer(std::shared_ptr<Connection> c) {
  std::array<char, kReadChunk> sink;
  error_code ec;
  while (!ec) {
    co_await c->stream.socket().async_read_some(asio::mutable_buffer(sink.data(), sink.size()),
                                                asio::redirect_error(asio::use_awaitable, ec));
  }
  c->peer_gone = true;
  c->wake.cancel();
}

asio::awaitable<void> ServeStream(ServerState& s, std::shared_ptr<Connection> c,
                                  StreamResponse accepted) {
  const std::shared_ptr<EventStream> stream = accepted.stream;
  StreamRecord record(s, stream);
  c->phase = Connection::Phase::kStreaming;
  // No length and no chunking: the stream ends when the connection closes.
  std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
      "X-Accel-Buffering: no\r\nConnection: close\r\n";
  for (const HeaderField& f : accepted.response.headers) {
    if (IsValidHeaderName(f.name) && IsValidHeaderValue(f.value) && !IsFramingField(f.name) &&
        !EqualsIgnoreCase(f.name, "Content-Type")) {
      head += f.name + ": " + f.value + "\r\n";
    }
  }
  head += "\r\n";
  if (!co_await WriteRaw(s, *c, head)) co_return;

  // The publisher queues, then wakes this loop through the strand. The loop waits only right
  // after finding the queue empty, with no suspension in between, so a wake-up either finds the
  // wait to cancel or comes before the queue is read: none is lost.
  const std::weak_ptr<Connection> weak = c;
  const auto executor = c->stream.get_executor();
  stream->SetNotify([weak, executor] {
    asio::post(executor, [weak] {
      if (const std::shared_ptr<Connection> conn = weak.lock()) conn->wake.cancel();
    });
  });
  asio::co_spawn(executor, WatchPeer(c), [](std::exception_ptr) {});
  for (;;) {
    EventStream::Pending pending = stream->TakePending();
    const bool ending = pending.closed || s.stopping.load() || c->peer_gone;
    if (!pending.bytes.empty()) {
      if (!co_await WriteRaw(s, *c, pending.bytes)) break;
      if (!ending) continue;  // events published during the write: take them before waiting
    }
    if (ending) break;
    error_code ec;
    c->wake.expires_after(s.settings.stream_keepalive);
    co_await c->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!ec && !co_await WriteRaw(s, *c, kKeepaliveComment)) break;
  }
}

void CloseConnection(Connection& c) {
  error_code ignored;
  c.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  c.stream.socket().close(ignored);
}

asio::awaitable<void> RunSession(ServerState& s, std::shared_ptr<Connection> c,
                                 [[maybe_unused]] SessionTicket ticket) {
  beast::flat_buffer buffer;
  for (;;) {
    c->phase = Connection::Phase::kIdle;
    if (s.stopping.load()) break;
    error_code ec;
    if (buffer.size() == 0) {  // wait for the next request, at most idle_timeout
      c->stream.expires_after(s.settings.idle_timeout);
      const std::size_t n = co_await c->stream.async_read_some(
          buffer.prepare(kReadChunk), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      buffer.commit(n);
    }
    c->phase = Connection::Phase::kBusy;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
        s.settings.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(s.largest_body_limit);
    c->stream.expires_after(s.settings.request_timeout);
    co_await bhttp::async_read_header(c->stream, buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
    // The route is known once the header is in: its own body limit applies, before any body byte
    // is parsed.
    Router::Match match;
    if (!ec) {
      const std::string_view target = Std(parser.get().target());
      match = s.router.Find(ParseMethod(Std(parser.get().method_string())),
                            target.substr(0, target.find('?')));
      const std::size_t limit = match.route != nullptr && match.route->options.max_body_bytes
                                    ? *match.route->options.max_body_bytes
                                    : s.settings.max_body_bytes;
      if (const auto length = parser.content_length(); length && *length > limit) {
        ec = bhttp::error::body_limit;
      } else {
        parser.body_limit(limit);
      }
    }
    if (!ec) {
      const auto expect = parser.get().find(bhttp::field::expect);
      if (expect != parser.get().end() && EqualsIgnoreCase(Std(expect->value()), "100-continue") &&
          !parser.is_done() && !co_await WriteRaw(s, *c, kContinue)) {
        break;
      }
      co_await bhttp::async_read(c->stream, buffer, parser,
                                 asio::redirect_error(asio::use_awaitable, ec));
    }
    if (ec) {
      if (std::optional<Response> reply = ReplyToReadError(ec)) {
        const Method method = parser.is_header_done()
                                  ? ParseMethod(Std(parser.get().method_string()))
                                  : Method::kOther;
        RequestRecord record(s, ToString(method));
        if (co_await WriteResponse(s, *c, std::move(*reply), kHttp11, false, record)) {
          co_await Linger(*c);
        }
      }
      break;
    }

    bhttp::request<bhttp::string_body>& message = parser.get();
    Request request;
    request.method_token = std::string(Std(message.method_string()));
    request.method = ParseMethod(request.method_token);
    // Reset when an event stream opens: the request is counted then, not when the stream ends.
    std::optional<RequestRecord> record;
    record.emplace(s, ToString(request.method));
    const unsigned version = message.version();
    const bool keep_alive = message.keep_alive();
    const std::string_view target = Std(message.target());
    if ((version != kHttp10 && version != kHttp11) || !request.SetTarget(target)) {
      if (!co_await WriteResponse(s, *c, Response::BadRequest(), version, false, *record)) break;
      co_await Linger(*c);
      break;
    }
    for (const auto& field : message) {
      request.headers.push_back(
          {std::string(Std(field.name_string())), std::string(Std(field.value()))});
    }
    request.body = std::move(message.body());
    request.remote_address = c->remote_address;

    Response response;
    if (match.route == nullptr) {
      response =
          match.allow.empty() ? Response::NotFound() : Response::MethodNotAllowed(match.allow);
    } else {
      record->set_route(match.index);
      request.path_params = std::move(match.params);
      const Router::Route& route = *match.route;
      if (route.stream) {
        StreamResponse opened;
        const auto work = [&] { opened = route.stream(request); };
        if (co_await OnWorker(s, work, route.pattern, response)) {
          if (opened.stream != nullptr) {
            record->set_status(kMinStatus);
            record.reset();
            co_await ServeStream(s, c, std::move(opened));
            break;
          }
          response = std::move(opened.response);
        }
      } else {
        const auto work = [&] { response = route.handler(request); };
        co_await OnWorker(s, work, route.pattern, response);
      }
    }
    const bool again = keep_alive && !s.stopping.load();
    if (!co_await WriteResponse(s, *c, std::move(response), version, again, *record) || !again) {
      break;
    }
  }
  CloseConnection(*c);
}

// Runs `visit` on the strand of every live session and waits until it has run.
template <typename Visit>
void ForEachSession(ServerState& s, Visit visit) {
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(s.sessions_mutex);
    for (const auto& [id, weak] : s.sessions) {
      if (std::shared_ptr<Connection> c = weak.lock()) live.push_back(std::move(c));
    }
  }
  const auto done = std::make_shared<Countdown>(live.size());
  for (std::shared_ptr<Connection>& c : live) {
    const auto executor = c->stream.get_executor();
    asio::post(executor, [c = std::move(c), visit, done] {
      visit(*c);
      done->Done();
    });
  }
  done->Wait();
}

}  // namespace

void StartSession(ServerState& s, tcp::socket socket) {
  auto c = std::make_shared<Connection>(std::move(socket));
  error_code ec;
  const tcp::endpoint peer = c->stream.socket().remote_endpoint(ec);
  if (!ec) c->remote_address = peer.address().to_string();
  SessionTicket ticket(s, c);
  const auto executor = c->stream.get_executor();
  asio::co_spawn(executor, RunSession(s, std::move(c), std::move(ticket)),
                 [&s](std::exception_ptr e) {
                   if (e) s.Log("a connection ended by an exception: " + DescribeException(e));
                 });
}

void NudgeSessions(ServerState& s) {
  ForEachSession(s, [](Connection& c) {
    if (c.phase == Connection::Phase::kIdle) c.stream.cancel();
    if (c.phase == Connection::Phase::kStreaming) c.wake.cancel();
  });
}

void CloseSessions(ServerState& s) {
  ForEachSession(s, [](Connection& c) {
    CloseConnection(c);
    c.wake.cancel();
  });
}

}  // namespace http::internal
