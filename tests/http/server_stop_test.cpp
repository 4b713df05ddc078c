// Graceful shutdown: Stop and RunUntilSignal.
#include <gtest/gtest.h>
#include <signal.h>

#include <future>
#include <thread>

#include "http/client.h"
#include "http/server.h"
#include "http/test_support.h"

namespace http {
namespace {

using namespace std::chrono_literals;
using http_testing::Curl;
using http_testing::Gate;
using http_testing::RawConnection;
using http_testing::TestServer;
using http_testing::WaitFor;

Router BlockingRouter(Gate& gate) {
  Router router;
  router.Get("/block", [&gate](const Request&) {
    gate.Enter();
    return Response::Text(200, "finished");
  });
  router.Get("/hello", [](const Request&) { return Response::Text(200, "hello"); });
  return router;
}

bool Refused(std::uint16_t port) { return !RawConnection(port).connected(); }

TEST(ServerStopTest, StopLetsARequestInFlightFinish) {
  Gate gate;
  TestServer t(BlockingRouter(gate));
  const Client client(Curl());
  auto in_flight = std::async(std::launch::async, [&] {
    return client.Send({.method = "GET", .url = t.Url("/block"), .timeout = 10s});
  });
  ASSERT_TRUE(gate.WaitEntered(1));

  auto stopping = std::async(std::launch::async, [&] { t.server->Stop(10s); });
  ASSERT_TRUE(WaitFor([&] { return Refused(t.port); }));          // no longer accepting
  EXPECT_EQ(stopping.wait_for(0s), std::future_status::timeout);  // still waiting for the request

  gate.Open();
  auto r = in_flight.get();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "finished");
  EXPECT_EQ(r->Header("Connection"), "close");
  EXPECT_EQ(stopping.wait_for(http_testing::kWaitLimit), std::future_status::ready);
}

TEST(ServerStopTest, StopClosesIdleKeepAliveConnectionsAtOnce) {
  Gate gate;
  TestServer t(BlockingRouter(gate));
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(conn.ReadResponse().has_value());
  const auto started = std::chrono::steady_clock::now();
  t.server->Stop(30s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_TRUE(conn.WaitClosed());
}

TEST(ServerStopTest, AfterTheGracePeriodBusyConnectionsAreClosed) {
  Gate gate;
  TestServer t(BlockingRouter(gate));
  RawConnection conn(t.port);
  ASSERT_TRUE(conn.Send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(gate.WaitEntered(1));
  auto stopping = std::async(std::launch::async, [&] { t.server->Stop(50ms); });
  EXPECT_TRUE(conn.WaitClosed());  // closed without an answer
  gate.Open();                     // Stop still waits for the running handler
  stopping.get();
}

TEST(ServerStopTest, StopTwiceAndDestroyingAStoppedServerAreSafe) {
  Gate gate;
  TestServer t(BlockingRouter(gate));
  t.server->Stop(1s);
  t.server->Stop(1s);
  EXPECT_TRUE(Refused(t.port));
}

TEST(ServerStopTest, DestroyingARunningServerStopsIt) {
  Gate gate;
  std::uint16_t port = 0;
  {
    TestServer t(BlockingRouter(gate));
    port = t.port;
    RawConnection conn(t.port);
    ASSERT_TRUE(conn.connected());
  }
  EXPECT_TRUE(Refused(port));
}

bool TermHandlerInstalled() {
  struct sigaction current {};
  sigaction(SIGTERM, nullptr, &current);
  return current.sa_handler != SIG_DFL && current.sa_handler != SIG_IGN;
}

TEST(ServerStopTest, RunUntilSignalStopsOnSigterm) {
  Gate gate;
  TestServer t(BlockingRouter(gate));
  bool signalled = false;
  std::thread signaller([&] {
    // Raise only once the server listens for it (before that SIGTERM would end the test binary;
    // a pending one is kept for it). If it never listens, stop it another way: the test fails.
    signalled = WaitFor(TermHandlerInstalled);
    if (signalled) {
      kill(getpid(), SIGTERM);
    } else {
      t.server->Stop(0s);
    }
  });
  t.server->RunUntilSignal(1s);
  signaller.join();
  EXPECT_TRUE(signalled);
  EXPECT_TRUE(Refused(t.port));
}

TEST(ServerStopTest, RunUntilSignalReturnsWhenStoppedElsewhere) {
  Gate gate;
  TestServer t(BlockingRouter(gate));
  std::thread stopper([&] { t.server->Stop(1s); });
  t.server->RunUntilSignal(1s);
  stopper.join();
  EXPECT_TRUE(Refused(t.port));
}

}  // namespace
}  // namespace http
