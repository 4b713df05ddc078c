// The libcurl client against a cpp-httplib fake and against our own server.
#include "http/client.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "http/server.h"
#include "http/test_support.h"
#include "testing/loopback_server.h"

namespace http {
namespace {

using namespace std::chrono_literals;
using http_testing::Curl;
using http_testing::Gate;
using http_testing::TestServer;
using http_testing::WaitFor;

// A cpp-httplib server on loopback whose /slow waits at `slow_gate` until the test ends.
struct FakeServer {
  ~FakeServer() { slow_gate.Open(); }
  std::string Url(std::string_view path) const { return loopback.Url(path); }

  Gate slow_gate;
  testing_support::LoopbackServer loopback;  // after the gate: stopped before it goes
};

class ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_.loopback.server.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("X-Test", "yes");
      res.set_content("hello", "text/plain");
    });
    fake_.loopback.server.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 201;
      res.set_header("X-Seen-Auth", req.get_header_value("Authorization"));
      res.set_header("X-Seen-Method", req.method);
      res.set_content(req.body, "application/octet-stream");
    });
    fake_.loopback.server.Put("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.method + ":" + req.body, "text/plain");
    });
    fake_.loopback.server.Get("/redirect", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/hello");
    });
    fake_.loopback.server.Get("/error", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_content("try later", "text/plain");
    });
    fake_.loopback.server.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(5000, 'x'), "text/plain");
    });
    fake_.loopback.server.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      fake_.slow_gate.Enter();
      res.set_content("late", "text/plain");
    });
    ASSERT_TRUE(fake_.loopback.Start());
  }

  FakeServer fake_;
  const Client client_{Curl()};
};

TEST_F(ClientTest, ReturnsStatusHeadersAndBody) {
  ClientFailure failure = ClientFailure::kTransport;
  auto r = client_.Send({.method = "GET", .url = fake_.Url("/hello"), .timeout = 5s}, &failure);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(failure, ClientFailure::kNone);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello");
  EXPECT_EQ(r->Header("x-test"), "yes");
  EXPECT_EQ(r->Header("Content-Type"), "text/plain");
}

TEST_F(ClientTest, SendsMethodHeadersAndBodyExactly) {
  const std::string body("a\0b\r\n{\"x\":1}", 13);
  auto r = client_.Send({.method = "POST",
                         .url = fake_.Url("/echo"),
                         .headers = {{"Authorization", "Bearer t0ken"}},
                         .body = body,
                         .timeout = 5s});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, body);
  EXPECT_EQ(r->Header("X-Seen-Auth"), "Bearer t0ken");
  EXPECT_EQ(r->Header("X-Seen-Method"), "POST");

  auto put =
      client_.Send({.method = "PUT", .url = fake_.Url("/echo"), .body = "new", .timeout = 5s});
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(put->body, "PUT:new");
}

TEST_F(ClientTest, ErrorStatusesAreResponsesNotFailures) {
  auto r = client_.Send({.method = "GET", .url = fake_.Url("/error"), .timeout = 5s});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->body, "try later");
}

TEST_F(ClientTest, RedirectsAreReturnedNotFollowed) {
  auto r = client_.Send({.method = "GET", .url = fake_.Url("/redirect"), .timeout = 5s});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 302);
  EXPECT_EQ(r->Header("Location"), "/hello");
}

TEST_F(ClientTest, SlowServerTimesOutWithATimeoutFailure) {
  ClientFailure failure = ClientFailure::kNone;
  const auto started = std::chrono::steady_clock::now();
  auto r = client_.Send({.method = "GET", .url = fake_.Url("/slow"), .timeout = 200ms}, &failure);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message.find("timed out"), std::string::npos) << r.error().message;
  EXPECT_EQ(failure, ClientFailure::kTimeout);
  EXPECT_LT(took, 5s);
}

TEST_F(ClientTest, ResponseOverTheLimitFails) {
  ClientSettings settings;
  settings.max_response_bytes = 1000;
  const Client small(Curl(), settings);
  ClientFailure failure = ClientFailure::kNone;
  auto r = small.Send({.method = "GET", .url = fake_.Url("/big"), .timeout = 5s}, &failure);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(failure, ClientFailure::kResponseTooLarge);
  auto fits = small.Send({.method = "GET", .url = fake_.Url("/hello"), .timeout = 5s});
  EXPECT_TRUE(fits.ok());
}

TEST(ClientErrorTest, ConnectFailureIsRetryableAndNamesNoSecret) {
  const Client client(Curl());
  ClientFailure failure = ClientFailure::kNone;
  const std::string url =
      "http://user:pa55word@127.0.0.1:" + std::to_string(http_testing::UnusedPort()) +
      "/v19.0/bot-s3cret/messages?access_token=s3cret";
  auto r = client.Send({.method = "POST",
                        .url = url,
                        .headers = {{"Authorization", "Bearer s3cret"}},
                        .body = "s3cret",
                        .timeout = 2s},
                       &failure);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(failure, ClientFailure::kConnect);
  const std::string& message = r.error().message;
  EXPECT_TRUE(message.starts_with("POST http://127.0.0.1:")) << message;
  for (const char* secret : {"s3cret", "pa55word", "user", "/v19.0"}) {
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
  }
}

TEST(ClientErrorTest, RefusesNonHttpUrlsBadHeadersAndMissingDeadlines) {
  const Client client(Curl());
  ClientFailure failure = ClientFailure::kNone;
  auto file = client.Send({.method = "GET", .url = "file:///etc/passwd", .timeout = 1s}, &failure);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(failure, ClientFailure::kInvalidRequest);

  auto header = client.Send({.method = "GET",
                             .url = "http://127.0.0.1:1/",
                             .headers = {{"X-A", "1\r\nX-Injected: 2"}},
                             .timeout = 1s});
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code, base::ErrorCode::kInvalidArgument);

  auto no_deadline =
      client.Send({.method = "GET", .url = "http://127.0.0.1:1/", .timeout = base::Duration{0}});
  ASSERT_FALSE(no_deadline.ok());
  EXPECT_EQ(no_deadline.error().code, base::ErrorCode::kInvalidArgument);

  auto method = client.Send({.method = "GE T", .url = "http://127.0.0.1:1/", .timeout = 1s});
  EXPECT_EQ(method.error().code, base::ErrorCode::kInvalidArgument);
}

TEST(ClientAgainstServerTest, PostsToTheBeastServerOverOneKeptAliveConnection) {
  Router router;
  router.Post("/webhook", [](const Request& req) {
    return Response::Json(200, R"({"received":)" + std::to_string(req.body.size()) + "}");
  });
  TestServer t(std::move(router));
  const Client client(Curl());
  for (int i = 0; i < 3; ++i) {
    auto r = client.Send({.method = "POST",
                          .url = t.Url("/webhook"),
                          .headers = {{"Content-Type", "application/json"}},
                          .body = R"({"entry":[]})",
                          .timeout = 5s});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, R"({"received":12})");
  }
  EXPECT_EQ(t.Metric("http_connections_open"), 1);  // the handle pool reused its connection
}

TEST(ClientAgainstServerTest, LargeBodyGoesThroughWithoutExpectDelay) {
  Router router;
  router.Post("/upload", [](const Request& req) {
    return Response::Text(200, std::to_string(req.body.size()));
  });
  TestServer t(std::move(router));
  const Client client(Curl());
  const std::string body(2 * 1024 * 1024, 'z');
  const auto started = std::chrono::steady_clock::now();
  auto r = client.Send({.method = "POST", .url = t.Url("/upload"), .body = body, .timeout = 5s});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->body, std::to_string(body.size()));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 900ms);  // no 1 s 100-continue wait
}

}  // namespace
}  // namespace http
