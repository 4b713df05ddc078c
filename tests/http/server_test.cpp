// The server over real sockets: routing, what handlers see, keep-alive, the worker pool, idle
// connections, errors and metrics.
#include "http/server.h"

#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/slow_call_guard.h"
#include "http/client.h"
#include "http/test_support.h"

namespace http {
namespace {

using namespace std::chrono_literals;
using http_testing::Curl;
using http_testing::Gate;
using http_testing::RawConnection;
using http_testing::TestServer;
using http_testing::WaitFor;

base::Result<ClientResponse> Get(const Client& client, const std::string& url) {
  return client.Send({.method = "GET", .url = url, .timeout = 5s});
}

Router HelloRouter() {
  Router router;
  router.Get("/hello", [](const Request&) { return Response::Text(200, "hello"); });
  return router;
}

TEST(ServerTest, StartReturnsTheBoundPortAndAnswers) {
  TestServer t(HelloRouter());
  ASSERT_TRUE(t.started);
  EXPECT_NE(t.port, 0);
  const Client client(Curl());
  auto r = Get(client, t.Url("/hello"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello");
  EXPECT_EQ(r->Header("Content-Type"), "text/plain; charset=utf-8");
}

TEST(ServerTest, HandlersRunWhereSlowCallsAreForbidden) {
  Router router;
  router.Get("/why", [](const Request&) {
    return Response::Text(200, std::string(base::SlowCallsForbidden().value_or("allowed")));
  });
  TestServer t(std::move(router));
  const Client client(Curl());
  auto r = Get(client, t.Url("/why"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "an HTTP request handler");
}

TEST(ServerTest, RoutesCapturesToTheHandler) {
  Router router;
  router.Get("/chat/{workspace}", [](const Request& req) {
    return Response::Text(200, req.PathParam("workspace").value_or("?") + "|" + req.path);
  });
  TestServer t(std::move(router));
  const Client client(Curl());
  auto r = Get(client, t.Url("/chat/casa%20verde"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "casa verde|/chat/casa verde");
}

TEST(ServerTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  Router router = HelloRouter();
  router.Post("/hello", [](const Request&) { return Response::NoContent(); });
  TestServer t(std::move(router));
  const Client client(Curl());
  auto missing = Get(client, t.Url("/nope"));
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404);
  auto wrong = client.Send({.method = "DELETE", .url = t.Url("/hello"), .timeout = 5s});
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->Header("Allow"), "GET, POST");
}

TEST(ServerTest, HandlerSeesMethodQueryHeadersCookiesRemoteAddressAndExactBody) {
  Router router;
  router.Post("/echo", [](const Request& req) {
    const std::string seen = std::string(ToString(req.method)) + "|" +
                             req.Query("q").value_or("-") + "|" +
                             req.Header("x-custom").value_or("-") + "|" +
                             req.Cookie("session").value_or("-") + "|" + req.remote_address + "|";
    return Response::Text(200, seen + req.body);
  });
  TestServer t(std::move(router));
  const Client client(Curl());
  const std::string body("binary\0body\r\n\xff", 15);
  auto r = client.Send({.method = "POST",
                        .url = t.Url("/echo?q=linen+napkins"),
                        .headers = {{"X-Custom", "yes"}, {"Cookie", "session=abc; other=1"}},
                        .body = body,
                        .timeout = 5s});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->body, "POST|linen napkins|yes|abc|127.0.0.1|" + body);
}

TEST(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  TestServer t(HelloRouter());
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto r = conn.ReadResponse();
    ASSERT_TRUE(r.has_value()) << "request " << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "hello");
  }
  EXPECT_EQ(t.Metric("http_connections_open"), 1);
}

TEST(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Router router;
  router.Get("/n/{n}", [](const Request& req) { return Response::Text(200, *req.PathParam("n")); });
  TestServer t(std::move(router));
  RawConnection conn(t.port);
  ASSERT_TRUE(
      conn.Send("GET /n/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /n/2 HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(conn.ReadResponse()->body, "1");
  EXPECT_EQ(conn.ReadResponse()->body, "2");
}

TEST(ServerTest, ConnectionCloseRequestIsHonoured) {
  TestServer t(HelloRouter());
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->head.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(conn.WaitClosed());
}

TEST(ServerTest, ABlockedHandlerDoesNotBlockOtherConnections) {
  Gate gate;
  Router router = HelloRouter();
  router.Get("/block", [&gate](const Request&) {
    gate.Enter();
    return Response::Text(200, "unblocked");
  });
  ServerSettings settings;
  settings.worker_threads = 2;
  TestServer t(std::move(router), settings);
  const Client client(Curl());
  auto blocked = std::async(std::launch::async, [&] { return Get(client, t.Url("/block")); });
  ASSERT_TRUE(gate.WaitEntered(1));

  auto fast = Get(client, t.Url("/hello"));
  ASSERT_TRUE(fast.ok()) << fast.error().message;
  EXPECT_EQ(fast->body, "hello");
  EXPECT_TRUE(WaitFor([&] { return t.Metric("http_requests_in_flight") == 1; }));

  gate.Open();
  auto slow = blocked.get();
  ASSERT_TRUE(slow.ok());
  EXPECT_EQ(slow->body, "unblocked");
}

TEST(ServerTest, TwoHundredIdleConnectionsDoNotStarveANewRequest) {
  constexpr int kIdle = 200;
  TestServer t(HelloRouter());
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < kIdle; ++i) {
    idle.push_back(std::make_unique<RawConnection>(t.port));
    ASSERT_TRUE(idle.back()->connected());
  }
  ASSERT_TRUE(WaitFor([&] { return t.Metric("http_connections_open") == kIdle; }));

  const Client client(Curl());
  const auto started = std::chrono::steady_clock::now();
  auto r = client.Send({.method = "GET", .url = t.Url("/hello"), .timeout = 2s});
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_LT(took, 1s);
}

TEST(ServerTest, SeveralIoThreadsServeConcurrentKeepAliveClients) {
  constexpr int kClients = 6;
  constexpr int kRequestsEach = 30;
  Router router;
  router.Get("/n/{n}", [](const Request& req) { return Response::Text(200, *req.PathParam("n")); });
  ServerSettings settings;
  settings.io_threads = 2;
  settings.worker_threads = 3;
  TestServer t(std::move(router), settings);
  std::vector<std::future<int>> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.push_back(std::async(std::launch::async, [&t, c] {
      RawConnection conn(t.port);
      int answered = 0;
      for (int i = 0; i < kRequestsEach; ++i) {
        const std::string n = std::to_string(c * 1000 + i);
        if (!conn.Send("GET /n/" + n + " HTTP/1.1\r\nHost: x\r\n\r\n")) break;
        auto r = conn.ReadResponse();
        if (r && r->body == n) ++answered;
      }
      return answered;
    }));
  }
  for (auto& c : clients) EXPECT_EQ(c.get(), kRequestsEach);
  EXPECT_TRUE(WaitFor([&] {
    return t.Metric(R"(http_requests_total{method="GET",route="/n/{n}",status="200"})") ==
           kClients * kRequestsEach;
  }));
}

// The lines a server writes to its error log (settings.error_log = log.Sink()).
class ErrorLog {
 public:
  std::function<void(std::string_view)> Sink() {
    return [this](std::string_view line) {
      std::lock_guard lock(mutex_);
      lines_.emplace_back(line);
    };
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

TEST(ServerTest, HandlerExceptionIs500AndReachesTheErrorLog) {
  ErrorLog log;
  Router router = HelloRouter();
  router.Get("/throw", [](const Request&) -> Response { throw std::runtime_error("boom"); });
  ServerSettings settings;
  settings.error_log = log.Sink();
  TestServer t(std::move(router), settings);
  const Client client(Curl());
  auto r = Get(client, t.Url("/throw"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body, "internal error");
  EXPECT_EQ(Get(client, t.Url("/hello"))->status, 200);
  const std::vector<std::string> lines = log.lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("/throw"), std::string::npos);
  EXPECT_NE(lines[0].find("boom"), std::string::npos);
}

TEST(ServerTest, AResponsesLogNoteReachesTheErrorLogAndNotTheClient) {
  ErrorLog log;
  Router router = HelloRouter();
  router.Get("/broken", [](const Request&) {
    Response r = Response::InternalError();
    r.log_note = "the disk is full";
    return r;
  });
  ServerSettings settings;
  settings.error_log = log.Sink();
  TestServer t(std::move(router), settings);
  const Client client(Curl());
  auto r = Get(client, t.Url("/broken"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body, "internal error");
  EXPECT_EQ(Get(client, t.Url("/hello"))->status, 200);  // logs nothing
  EXPECT_EQ(log.lines(), std::vector<std::string>{"answered 500: the disk is full"});
}

TEST(ServerTest, ResponseWithAnInjectedHeaderBecomes500) {
  Router router;
  router.Get("/inject", [](const Request&) {
    return Response::Text(200, "x").AddHeader("X-Evil", "a\r\nSet-Cookie: stolen=1");
  });
  TestServer t(std::move(router));
  const Client client(Curl());
  auto r = Get(client, t.Url("/inject"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->Header("Set-Cookie"), std::nullopt);
}

TEST(ServerTest, FramingHeadersFromHandlersAreIgnored) {
  Router router;
  router.Get("/frame", [](const Request&) {
    return Response::Text(200, "abc").AddHeader("Content-Length", "1000").AddHeader("X-Ok", "1");
  });
  TestServer t(std::move(router));
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send("GET /frame HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "abc");
  EXPECT_NE(r->head.find("X-Ok: 1"), std::string::npos);
  EXPECT_EQ(r->head.find("1000"), std::string::npos);
}

TEST(ServerTest, FullWorkerQueueAnswers503) {
  Gate gate;
  Router router;
  router.Get("/block", [&gate](const Request&) {
    gate.Enter();
    return Response::Text(200, "done");
  });
  ServerSettings settings;
  settings.worker_threads = 1;
  settings.max_queued_requests = 1;
  TestServer t(std::move(router), settings);
  const Client client(Curl());
  auto running = std::async(std::launch::async, [&] { return Get(client, t.Url("/block")); });
  ASSERT_TRUE(gate.WaitEntered(1));
  auto queued = std::async(std::launch::async, [&] { return Get(client, t.Url("/block")); });
  ASSERT_TRUE(WaitFor([&] { return t.Metric("http_requests_in_flight") == 2; }));

  auto refused = Get(client, t.Url("/block"));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 503);
  gate.Open();
  EXPECT_EQ(running.get()->status, 200);
  EXPECT_EQ(queued.get()->status, 200);
}

TEST(ServerTest, MetricsCountRequestsByMethodRouteAndStatus) {
  Router router = HelloRouter();
  router.Get("/items/{id}", [](const Request&) { return Response::Json(200, "{}"); });
  TestServer t(std::move(router));
  const Client client(Curl());
  for (const char* path : {"/hello", "/hello", "/items/1", "/items/2", "/nope"}) {
    ASSERT_TRUE(Get(client, t.Url(path)).ok());
  }
  const auto count = [&](std::string_view series) { return t.Metric(series).value_or(-1); };
  ASSERT_TRUE(WaitFor([&] { return count("http_requests_in_flight") == 0; }));
  EXPECT_EQ(count(R"(http_requests_total{method="GET",route="unmatched",status="404"})"), 1);
  EXPECT_EQ(count(R"(http_requests_total{method="GET",route="/nope",status="404"})"), -1);
  EXPECT_EQ(count(R"(http_requests_total{method="GET",route="/hello",status="200"})"), 2);
  EXPECT_EQ(count(R"(http_requests_total{method="GET",route="/items/{id}",status="200"})"), 2);
  EXPECT_EQ(count(R"(http_request_duration_seconds_count{route="/items/{id}"})"), 2);
  EXPECT_EQ(count(R"(http_request_duration_seconds_bucket{route="/hello",le="+Inf"})"), 2);
  EXPECT_NE(t.metrics.Render().find("# TYPE http_request_duration_seconds histogram"),
            std::string::npos);
}

TEST(ServerTest, StartFailsWhenThePortIsTaken) {
  TestServer first(HelloRouter());
  ASSERT_TRUE(first.started);
  base::Metrics metrics;
  ServerSettings settings;
  settings.port = first.port;
  Server second(settings, HelloRouter(), metrics);
  auto port = second.Start();
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().code, base::ErrorCode::kUnavailable);
  EXPECT_NE(port.error().message.find(std::to_string(first.port)), std::string::npos);
}

TEST(ServerTest, StartRefusesInvalidRoutesAndSettings) {
  base::Metrics metrics;
  Router router;
  router.Get("no-slash", [](const Request&) { return Response{}; });
  Server bad_route({}, std::move(router), metrics);
  auto started = bad_route.Start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, base::ErrorCode::kInvalidArgument);

  ServerSettings settings;
  settings.address = "not-an-address";
  Server bad_address(settings, HelloRouter(), metrics);
  EXPECT_EQ(bad_address.Start().error().code, base::ErrorCode::kInvalidArgument);

  settings = {};
  settings.worker_threads = 0;
  Server no_workers(settings, HelloRouter(), metrics);
  EXPECT_EQ(no_workers.Start().error().code, base::ErrorCode::kInvalidArgument);
}

TEST(ServerTest, TwoServersShareOneMetricsRegistry) {
  base::Metrics metrics;
  Server a({}, HelloRouter(), metrics);
  Server b({}, HelloRouter(), metrics);
  auto port_a = a.Start();
  auto port_b = b.Start();
  ASSERT_TRUE(port_a.ok() && port_b.ok());
  const Client client(Curl());
  ASSERT_TRUE(Get(client, "http://127.0.0.1:" + std::to_string(*port_a) + "/hello").ok());
  ASSERT_TRUE(Get(client, "http://127.0.0.1:" + std::to_string(*port_b) + "/hello").ok());
  a.Stop(1s);
  b.Stop(1s);
  EXPECT_NE(
      metrics.Render().find(R"(http_requests_total{method="GET",route="/hello",status="200"} 2)"),
      std::string::npos);
}

}  // namespace
}  // namespace http
