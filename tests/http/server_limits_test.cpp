// What the server does with requests it must refuse: too large, malformed, too slow.
#include <gtest/gtest.h>

#include "http/server.h"
#include "http/test_support.h"

namespace http {
namespace {

using namespace std::chrono_literals;
using http_testing::RawConnection;
using http_testing::TestServer;

Router EchoRouter() {
  Router router;
  router.Post("/echo", [](const Request& req) { return Response::Text(200, req.body); });
  router.Get("/hello", [](const Request&) { return Response::Text(200, "hello"); });
  return router;
}

ServerSettings SmallLimits() {
  ServerSettings settings;
  settings.max_body_bytes = 1024;
  settings.max_header_bytes = 1024;
  return settings;
}

TEST(ServerLimitsTest, BodyOverTheLimitIs413BeforeItIsSent) {
  TestServer t(EchoRouter(), SmallLimits());
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n"));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->body, "payload too large");
  EXPECT_TRUE(conn.WaitClosed());
}

TEST(ServerLimitsTest, ChunkedBodyOverTheLimitIs413) {
  TestServer t(EchoRouter(), SmallLimits());
  RawConnection conn(t.port);
  const std::string chunk(2000, 'a');
  ASSERT_TRUE(
      conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" +
                chunk + "\r\n0\r\n\r\n"));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
}

TEST(ServerLimitsTest, BodyAtTheLimitIsAccepted) {
  TestServer t(EchoRouter(), SmallLimits());
  RawConnection conn(t.port);
  const std::string body(1024, 'b');
  ASSERT_TRUE(conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1024\r\n\r\n" + body));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, body);
}

// A route's own limit: /upload takes 4 KiB, /small 16 bytes, the rest the server's 1 KiB.
Router RouteLimitsRouter() {
  Router router = EchoRouter();
  router.Post(
      "/upload", [](const Request& req) { return Response::Text(200, req.body); },
      RouteOptions{4096});
  router.Post(
      "/small", [](const Request& req) { return Response::Text(200, req.body); }, RouteOptions{16});
  return router;
}

TEST(ServerLimitsTest, ARouteWithALargerLimitTakesABodyOthersRefuse) {
  TestServer t(RouteLimitsRouter(), SmallLimits());
  const std::string body(3000, 'u');
  RawConnection upload(t.port);
  ASSERT_TRUE(
      upload.Send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n" + body));
  auto accepted = upload.ReadResponse();
  ASSERT_TRUE(accepted.has_value());
  EXPECT_EQ(accepted->status, 200);
  EXPECT_EQ(accepted->body, body);

  RawConnection echo(t.port);
  ASSERT_TRUE(echo.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n" + body));
  auto refused = echo.ReadResponse();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 413);
}

TEST(ServerLimitsTest, ARoutesOwnLimitHoldsForLengthsAndChunks) {
  TestServer t(RouteLimitsRouter(), SmallLimits());
  RawConnection over(t.port);
  ASSERT_TRUE(over.Send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 4097\r\n\r\n"));
  auto r = over.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);

  RawConnection chunked(t.port);
  ASSERT_TRUE(
      chunked.Send("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n" +
                   std::string(17, 'c') + "\r\n0\r\n\r\n"));
  r = chunked.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);

  RawConnection unrouted(t.port);
  ASSERT_TRUE(unrouted.Send("POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n"));
  r = unrouted.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
}

TEST(ServerLimitsTest, HeadersOverTheLimitAre431) {
  TestServer t(EchoRouter(), SmallLimits());
  RawConnection conn(t.port);
  ASSERT_TRUE(
      conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'h') + "\r\n\r\n"));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 431);
  EXPECT_TRUE(conn.WaitClosed());
}

TEST(ServerLimitsTest, MalformedRequestsAre400) {
  TestServer t(EchoRouter());
  for (const char* bad : {"NOT HTTP AT ALL\r\n\r\n", "GET /hello HTTP/1.1\r\nBad Header\r\n\r\n",
                          "GET /hello HTTP/9.9\r\n\r\n",
                          "POST /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                          "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                          "GET http://example.com/hello HTTP/1.1\r\nHost: x\r\n\r\n"}) {
    RawConnection conn(t.port);
    ASSERT_TRUE(conn.Send(bad));
    auto r = conn.ReadResponse();
    ASSERT_TRUE(r.has_value()) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_TRUE(conn.WaitClosed()) << bad;
  }
  const auto bad_requests =
      t.Metric(R"(http_requests_total{method="OTHER",route="unmatched",status="400"})");
  EXPECT_TRUE(bad_requests.has_value());
}

TEST(ServerLimitsTest, ExpectContinueGets100ThenTheResponse) {
  TestServer t(EchoRouter());
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  const std::string interim = conn.ReadUntil(
      [](const std::string& data) { return data.find("\r\n\r\n") != std::string::npos; });
  EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
  auto interim_response = conn.ReadResponse();
  ASSERT_TRUE(interim_response.has_value());
  EXPECT_EQ(interim_response->status, 100);
  ASSERT_TRUE(conn.Send("hello"));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello");
}

TEST(ServerLimitsTest, IdleConnectionIsClosedAfterTheIdleTimeout) {
  ServerSettings settings;
  settings.idle_timeout = 50ms;
  TestServer t(EchoRouter(), settings);
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(conn.ReadResponse().has_value());
  EXPECT_TRUE(conn.WaitClosed());
}

TEST(ServerLimitsTest, RequestNotCompletedInTimeIsClosed) {
  ServerSettings settings;
  settings.request_timeout = 50ms;
  TestServer t(EchoRouter(), settings);
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
  EXPECT_TRUE(conn.WaitClosed());
}

}  // namespace
}  // namespace http
