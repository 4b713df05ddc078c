// Load on `frontdesk serve` through signed WhatsApp webhooks, and a fake Graph API on loopback
// that receives its replies: what the end-to-end benchmarks share (e2e_bench, llm_e2e_bench).
//
// A message's latency runs from its scheduled send to the arrival of its conversation's next
// reply at the fake Graph API, so replies pair with messages in order: a conversation should not
// write again before its last message was answered.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "testing/loopback_server.h"

namespace bench {

using Clock = std::chrono::steady_clock;

inline constexpr const char* kAppSecret = "bench_app_secret";
inline constexpr const char* kPhoneNumberId = "106540352242922";

// The database a benchmark serves by default: the SQLite file dir/fd.db.
std::string DefaultDatabase(const std::filesystem::path& dir);

// `frontdesk init` of dir/workspace.toml into `database` (a URL); false (and its output on
// stderr) when it failed.
bool InitWorkspace(const std::string& binary, const std::filesystem::path& dir,
                   const std::string& database);

// The environment of `frontdesk serve` on `database` (a URL), on a free port, sending to the fake
// Graph API on `graph_port`, under the instance name `instance` ("" for the default).
std::map<std::string, std::string> ServeEnv(const std::string& database, int graph_port,
                                            const std::string& instance = "");

// The WhatsApp id of customer `conversation`.
std::string CustomerId(int conversation);

// The workspace file's [[channels]] entry of the account the webhooks are for.
std::string WhatsAppChannelToml();

// One signed webhook: customer `conversation` says `text`. `message` makes its id unique.
struct Delivery {
  std::string customer;
  std::string body;
  std::string signature;
};
Delivery MakeDelivery(int conversation, long message, const std::string& text,
                      std::int64_t unix_seconds);
std::int64_t UnixSeconds();

// The messages of every conversation still waiting for their reply, and the replies so far.
// Thread-safe.
class Ledger {
 public:
  void Sent(const std::string& customer, Clock::time_point scheduled);
  void Replied(const std::string& customer, Clock::time_point at);
  long outstanding();
  // Waits until at most `outstanding` messages wait for their reply; false after `limit`.
  bool WaitUntilOutstanding(long outstanding, Clock::duration limit);

  struct Summary {
    std::vector<double> latencies_ms;  // sorted
    std::vector<Clock::time_point> replied_at;
    long extra = 0;  // messages beyond one per customer message (a split or a notice)
    Clock::time_point last_reply;
  };
  // The replies since the last Take, which forgets them.
  Summary Take();

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> waiting_;
  long outstanding_ = 0;
  Summary summary_;
};

// The Graph API's send endpoint, accepting every message and telling the ledger. Each open
// connection holds one of `threads` while it is kept alive.
class FakeGraph {
 public:
  explicit FakeGraph(Ledger& ledger, std::size_t threads = 8);
  bool started() const { return started_; }
  int port() const { return loopback_.port(); }

 private:
  std::atomic<long> sent_{0};
  bool started_ = false;
  testing_support::LoopbackServer loopback_;  // last: stopped first
};

// Posts deliveries[k] at start + k / rate whatever the servers' pace (open loop), from a few
// threads with kept-alive connections spread over the servers on `ports`, and tells the ledger of
// each.
struct SendReport {
  std::vector<double> ack_ms;  // each webhook's acknowledgement time, sorted
  long refused = 0;            // not answered 200
};
SendReport SendOpenLoop(const std::vector<int>& ports, const std::vector<Delivery>& deliveries,
                        double rate, Clock::time_point start, Ledger& ledger);

// Posts one delivery now; true when the server answered 200.
bool SendNow(int port, const Delivery& delivery, Ledger& ledger);

// The peak resident memory of process `pid` (VmHWM), in MiB.
double PeakRssMib(pid_t pid);
// The CPU time process `pid` has used so far (user and system), in seconds.
double CpuSeconds(pid_t pid);

// The value at share `p` of `sorted` (0 when empty).
double Percentile(const std::vector<double>& sorted, double p);

}  // namespace bench
