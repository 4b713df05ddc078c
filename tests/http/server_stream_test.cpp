// Server-sent events over real sockets.
#include <gtest/gtest.h>

#include <thread>

#include "http/event_stream.h"
#include "http/server.h"
#include "http/test_support.h"

namespace http {
namespace {

using namespace std::chrono_literals;
using http_testing::RawConnection;
using http_testing::TestServer;
using http_testing::WaitFor;

// The streams the handler opened, for the test to publish to.
class Streams {
 public:
  std::shared_ptr<EventStream> Open() {
    auto stream = std::make_shared<EventStream>();
    std::lock_guard lock(mutex_);
    opened_.push_back(stream);
    return stream;
  }
  // The n-th stream opened (0-based), once it exists.
  std::shared_ptr<EventStream> Get(std::size_t n) {
    std::shared_ptr<EventStream> found;
    WaitFor([&] {
      std::lock_guard lock(mutex_);
      if (opened_.size() > n) found = opened_[n];
      return found != nullptr;
    });
    return found;
  }

 private:
  std::mutex mutex_;
  std::vector<std::shared_ptr<EventStream>> opened_;
};

Router StreamRouter(Streams& streams) {
  Router router;
  router.Stream("/events/{topic}", [&streams](const Request& req) {
    if (req.PathParam("topic") == "secret") {
      return StreamResponse::Refuse(Response::Text(403, "forbidden"));
    }
    auto stream = streams.Open();
    const std::string resume = req.Header("Last-Event-ID").value_or("");
    if (!resume.empty()) (void)stream->Publish({"resumed after " + resume, "", ""});
    return StreamResponse::Accept(stream, {{"Access-Control-Allow-Origin", "*"}});
  });
  router.Get("/hello", [](const Request&) { return Response::Text(200, "hello"); });
  return router;
}

bool Contains(const std::string& data, std::string_view part) {
  return data.find(part) != std::string::npos;
}

// Opens a stream on `conn` and returns the response head.
std::string OpenStream(RawConnection& conn, std::string_view extra_headers = "") {
  conn.Send("GET /events/orders HTTP/1.1\r\nHost: x\r\n" + std::string(extra_headers) + "\r\n");
  const std::string data =
      conn.ReadUntil([](const std::string& d) { return Contains(d, "\r\n\r\n"); });
  return data.substr(0, data.find("\r\n\r\n"));
}

// Opens a stream, publishes 51 events from another thread and checks they all arrive in order.
void ExpectOrderedDelivery(const ServerSettings& settings) {
  Streams streams;
  TestServer t(StreamRouter(streams), settings);
  RawConnection conn(t.port);
  const std::string head = OpenStream(conn);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_TRUE(Contains(head, "Content-Type: text/event-stream"));
  EXPECT_TRUE(Contains(head, "Cache-Control: no-cache"));
  EXPECT_TRUE(Contains(head, "Access-Control-Allow-Origin: *"));

  auto stream = streams.Get(0);
  ASSERT_NE(stream, nullptr);
  std::thread publisher([&] {
    for (int i = 1; i <= 50; ++i) ASSERT_TRUE(stream->Publish({std::to_string(i), "", ""}));
    ASSERT_TRUE(stream->Publish({"two\nlines", "update", "51"}));
  });
  const std::string data =
      conn.ReadUntil([](const std::string& d) { return Contains(d, "data: lines\n\n"); });
  publisher.join();
  std::string expected;
  for (int i = 1; i <= 50; ++i) expected += "data: " + std::to_string(i) + "\n\n";
  expected += "event: update\nid: 51\ndata: two\ndata: lines\n\n";
  EXPECT_EQ(data.substr(data.find("\r\n\r\n") + 4), expected);
  EXPECT_EQ(t.Metric("http_event_streams_open"), 1);
  EXPECT_EQ(t.Metric(R"(http_requests_total{method="GET",route="/events/{topic}",status="200"})"),
            1);
  EXPECT_EQ(t.Metric("http_requests_in_flight"), 0);
}

TEST(ServerStreamTest, SendsEventStreamHeadersAndPublishedEventsInOrder) {
  ExpectOrderedDelivery({});
}

TEST(ServerStreamTest, DeliversInOrderWithSeveralIoThreads) {
  ServerSettings settings;
  settings.io_threads = 2;
  ExpectOrderedDelivery(settings);
}

TEST(ServerStreamTest, HandlerSeesLastEventIdToResume) {
  Streams streams;
  TestServer t(StreamRouter(streams));
  RawConnection conn(t.port);
  OpenStream(conn, "Last-Event-ID: 41\r\n");
  const std::string data =
      conn.ReadUntil([](const std::string& d) { return Contains(d, "resumed after 41\n\n"); });
  EXPECT_TRUE(Contains(data, "data: resumed after 41\n\n"));
}

TEST(ServerStreamTest, QuietStreamGetsKeepaliveComments) {
  Streams streams;
  ServerSettings settings;
  settings.stream_keepalive = 20ms;
  TestServer t(StreamRouter(streams), settings);
  RawConnection conn(t.port);
  OpenStream(conn);
  const std::string data =
      conn.ReadUntil([](const std::string& d) { return Contains(d, "\r\n\r\n:\n\n"); });
  EXPECT_TRUE(Contains(data, "\r\n\r\n:\n\n"));
}

TEST(ServerStreamTest, RefusedStreamGetsAPlainResponseAndKeepsTheConnection) {
  Streams streams;
  TestServer t(StreamRouter(streams));
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send("GET /events/secret HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto refused = conn.ReadResponse();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 403);
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(conn.ReadResponse()->body, "hello");
}

TEST(ServerStreamTest, PublisherCloseEndsTheResponseAfterQueuedEvents) {
  Streams streams;
  TestServer t(StreamRouter(streams));
  RawConnection conn(t.port);
  OpenStream(conn);
  auto stream = streams.Get(0);
  ASSERT_TRUE(stream->Publish({"bye", "", ""}));
  stream->Close();
  const std::string data = conn.ReadUntil([](const std::string&) { return false; });
  EXPECT_TRUE(data.ends_with("data: bye\n\n"));
  EXPECT_TRUE(conn.WaitClosed());
}

TEST(ServerStreamTest, ClientDisconnectEndsTheStream) {
  Streams streams;
  TestServer t(StreamRouter(streams));
  RawConnection conn(t.port);
  OpenStream(conn);
  auto stream = streams.Get(0);
  ASSERT_TRUE(stream->Publish({"hello", "", ""}));
  conn.Close();
  EXPECT_TRUE(WaitFor([&] { return stream->ended(); }));
  EXPECT_FALSE(stream->Publish({"nobody listens", "", ""}));
  EXPECT_TRUE(WaitFor([&] { return t.Metric("http_event_streams_open") == 0; }));
  EXPECT_TRUE(WaitFor([&] { return t.Metric("http_connections_open") == 0; }));
}

TEST(ServerStreamTest, StopEndsStreamsWithoutWaitingForTheGracePeriod) {
  Streams streams;
  TestServer t(StreamRouter(streams));
  RawConnection conn(t.port);
  OpenStream(conn);
  auto stream = streams.Get(0);
  const auto started = std::chrono::steady_clock::now();
  t.server->Stop(30s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_TRUE(conn.WaitClosed());
  EXPECT_FALSE(stream->Publish({"after stop", "", ""}));
}

}  // namespace
}  // namespace http
