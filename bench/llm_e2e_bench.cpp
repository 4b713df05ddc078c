// The llm brain end to end: WhatsApp customers write through signed webhooks to `frontdesk serve`
// (SQLite, debounce 0) whose workspace's agent thinks with `llm` (40 products, a 20,000-character
// business context), configured by FRONTDESK_LLM_* (the [llm] keys) to a fake model on loopback
// that answers every call after --delay-ms (bench/fake_model.h); a fake Graph API receives the
// replies (bench/whatsapp_load.h).
//
// Two measurements on one server:
//   1. Isolation, before any load: a probe conversation asks --probes questions one after
//      another, each when the last was answered, first alone and then while another
//      conversation's model call takes --slow-ms. What the slow call adds to the probe's replies
//      (target: <= 100 ms for a 10 s call).
//   2. Load (open loop, as e2e_bench): --rate messages/s over --conversations for --seconds. An
//      offered rate a little above concurrency / delay keeps every reply worker waiting on the
//      model, so replies/s is the ceiling of --concurrency calls in flight (target: >= 230
//      replies/s with 256 calls of 1 s). Replies/s is counted from --delay-ms + 2 s after the first
//      message to the last one sent, when the pipeline is full; webhook acknowledgements are timed
//      at the client (target: p99 <= 10 ms); reply latency includes the queue an offered rate above
//      capacity builds.
//
//   llm_e2e_bench --binary build/src/frontdesk [--rate 260] [--seconds 20]
//                 [--conversations 3000] [--concurrency 256] [--delay-ms 1000]
//                 [--slow-ms 10000] [--probes 5]
//
// Prints two Markdown tables. Fails when a message went unanswered or the model was asked about
// no product.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "fake_model.h"
#include "llm_shop.h"
#include "testing/serve_process.h"
#include "testing/temp_dir.h"
#include "whatsapp_load.h"

namespace {

using bench::Clock;
using bench::Percentile;
using std::chrono::milliseconds;

constexpr std::size_t kProducts = 40;
constexpr std::size_t kContextChars = 20'000;
constexpr const char* kSlowWord = "Take your time";
constexpr int kProbe = 0;       // the conversation whose replies are timed
constexpr int kSlow = 1;        // the one whose model call takes --slow-ms
constexpr int kFirstLoad = 10;  // the load's conversations come after
constexpr auto kDrainLimit = std::chrono::seconds{60};
constexpr std::size_t kSpareThreads = 64;  // fake servers' threads beyond the server's calls

struct Options {
  std::string binary;
  double rate = 260;
  double seconds = 20;
  int conversations = 3000;
  int concurrency = 256;
  int delay_ms = 1000;
  int slow_ms = 10'000;
  int probes = 5;
};

// The probe's reply latencies, one question after another, each sent once the last was answered;
// empty when one went unanswered. `others` messages of other conversations may wait meanwhile.
std::vector<double> Probe(const Options& o, const bench::LlmShop& shop, int port,
                          bench::Ledger& ledger, long& message, long others) {
  std::vector<double> latencies;
  for (int i = 0; i < o.probes; ++i) {
    const auto& product = shop.products[static_cast<std::size_t>(i) % kProducts];
    if (!bench::SendNow(
            port,
            bench::MakeDelivery(kProbe, message++, bench::Question(product), bench::UnixSeconds()),
            ledger) ||
        !ledger.WaitUntilOutstanding(others, kDrainLimit)) {
      return {};
    }
    const auto taken = ledger.Take().latencies_ms;
    if (taken.size() != 1) return {};
    latencies.push_back(taken.front());
  }
  std::sort(latencies.begin(), latencies.end());
  return latencies;
}

bool Isolation(const Options& o, const bench::LlmShop& shop, int port, bench::Ledger& ledger,
               long& message) {
  // The first turn of the probe's conversation carries the greeting and opens connections.
  if (Probe({.probes = 1}, shop, port, ledger, message, 0).empty()) return false;
  const std::vector<double> alone = Probe(o, shop, port, ledger, message, 0);
  if (!bench::SendNow(port,
                      bench::MakeDelivery(
                          kSlow, message++,
                          std::string(kSlowWord) + ": " + bench::Question(shop.products.front()),
                          bench::UnixSeconds()),
                      ledger)) {
    return false;
  }
  std::this_thread::sleep_for(milliseconds{100});  // its model call has begun
  const std::vector<double> beside = Probe(o, shop, port, ledger, message, 1);
  if (!ledger.WaitUntilOutstanding(0, kDrainLimit)) return false;
  const std::vector<double> slow = ledger.Take().latencies_ms;
  if (alone.empty() || beside.empty() || slow.size() != 1) return false;
  std::printf(
      "| probe replies | p50 ms | max ms |\n| --- | --- | --- |\n"
      "| alone | %.1f | %.1f |\n| beside a %.0f s model call (answered in %.1f s) | %.1f | %.1f |\n"
      "| added | %.1f | %.1f |\n\n",
      Percentile(alone, 0.5), alone.back(), o.slow_ms / 1000.0, slow.front() / 1000.0,
      Percentile(beside, 0.5), beside.back(), Percentile(beside, 0.5) - Percentile(alone, 0.5),
      beside.back() - alone.back());
  return true;
}

bool Load(const Options& o, const bench::LlmShop& shop, testing_support::ServeProcess& server,
          const bench::FakeModel& model, bench::Ledger& ledger, long& message) {
  // Built and signed before the clock starts: the load generator shares the machine's cores.
  const long total = static_cast<long>(o.rate * o.seconds);
  std::vector<bench::Delivery> deliveries;
  const std::int64_t unix_start = bench::UnixSeconds();
  for (long k = 0; k < total; ++k) {
    deliveries.push_back(bench::MakeDelivery(
        kFirstLoad + static_cast<int>(k % o.conversations), message++,
        bench::Question(shop.products[static_cast<std::size_t>(k) % kProducts]),
        unix_start + static_cast<std::int64_t>(static_cast<double>(k) / o.rate)));
  }
  ::sync();  // a build's writeback would stall the server's writes mid-measurement
  const auto start = Clock::now() + milliseconds{100};
  const bench::SendReport sent =
      bench::SendOpenLoop({server.port()}, deliveries, o.rate, start, ledger);
  const auto last_sent = Clock::now();
  ledger.WaitUntilOutstanding(0, kDrainLimit);
  const long lost = ledger.outstanding();
  const bench::Ledger::Summary s = ledger.Take();

  const auto full_from = start + milliseconds{o.delay_ms} + std::chrono::seconds{2};
  const auto in_window = std::count_if(s.replied_at.begin(), s.replied_at.end(),
                                       [&](auto at) { return at >= full_from && at < last_sent; });
  const double window_s = std::chrono::duration<double>(last_sent - full_from).count();
  std::printf(
      "| conversations | offered msg/s | model calls in flight (peak) | replies/s | reply p50 ms | "
      "reply p99 ms | webhook ack p50 ms | ack p99 ms | ack max ms | lost | peak RSS MB |\n"
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
      "| %d | %.0f | %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.1f | %ld | %.0f |\n",
      o.conversations, o.rate, model.peak_in_flight(),
      window_s > 0 ? static_cast<double>(in_window) / window_s : 0, Percentile(s.latencies_ms, 0.5),
      Percentile(s.latencies_ms, 0.99), Percentile(sent.ack_ms, 0.5), Percentile(sent.ack_ms, 0.99),
      sent.ack_ms.empty() ? 0 : sent.ack_ms.back(), lost + sent.refused,
      bench::PeakRssMib(server.pid()));
  return lost == 0 && sent.refused == 0;
}

int Run(const Options& o) {
  testing_support::TempDir dir;
  const bench::LlmShop shop = bench::MakeLlmShop(kProducts, kContextChars);
  bench::WriteLlmShop(shop, dir.path(), bench::WhatsAppChannelToml());
  if (!bench::InitWorkspace(o.binary, dir.path(), bench::DefaultDatabase(dir.path()))) return 1;

  // The server's HTTP client shares its connections between the model and the Graph API: one to
  // either may stay open in any handle in use, and a kept-alive connection holds a fake server's
  // thread, so both fakes have more threads than the server can have handles.
  const std::size_t fake_threads = 2 * static_cast<std::size_t>(o.concurrency) + kSpareThreads;
  bench::FakeModel model(shop, {.delay = milliseconds{o.delay_ms},
                                .slow_word = kSlowWord,
                                .slow_delay = milliseconds{o.slow_ms},
                                .threads = fake_threads});
  bench::Ledger ledger;
  bench::FakeGraph graph(ledger, fake_threads);
  if (!model.started() || !graph.started()) {
    std::cerr << "llm_e2e_bench: a fake server did not start\n";
    return 1;
  }
  auto env = bench::ServeEnv(bench::DefaultDatabase(dir.path()), graph.port());
  const auto seconds = [](int ms) { return std::to_string(ms / 1000 + 1) + "s"; };
  env.insert({{"FRONTDESK_LLM_BASE_URL", model.base_url()},
              {"FRONTDESK_LLM_MODEL", "bench-model"},
              {"FRONTDESK_LLM_OUTPUT", "tools"},
              {"FRONTDESK_LLM_CONCURRENCY", std::to_string(o.concurrency)},
              {"FRONTDESK_LLM_ATTEMPT_TIMEOUT", seconds(2 * o.slow_ms)},
              {"FRONTDESK_LLM_TURN_DEADLINE", seconds(3 * o.slow_ms)}});
  testing_support::ServeProcess server(o.binary, env);
  if (!server.Start()) {
    std::cerr << "llm_e2e_bench: the server did not start\n";
    return 1;
  }
  long message = 0;
  const bool isolated = Isolation(o, shop, server.port(), ledger, message);
  if (!isolated) std::cerr << "llm_e2e_bench: a probe or the slow call went unanswered\n";
  const bool loaded = Load(o, shop, server, model, ledger, message);
  server.Terminate();
  if (model.unknown() > 0) std::cerr << "llm_e2e_bench: the model was asked about no product\n";
  return isolated && loaded && model.unknown() == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"the llm brain end to end, with a fake model that answers after a delay"};
  app.add_option("--binary", o.binary, "the frontdesk executable")->required();
  app.add_option("--rate", o.rate, "messages per second offered")->check(CLI::PositiveNumber);
  app.add_option("--seconds", o.seconds, "how long messages are sent")->check(CLI::PositiveNumber);
  app.add_option("--conversations", o.conversations, "customers writing")
      ->check(CLI::PositiveNumber);
  app.add_option("--concurrency", o.concurrency, "llm.concurrency: model calls in flight")
      ->check(CLI::Range(1, 1024));
  app.add_option("--delay-ms", o.delay_ms, "how long the model takes to answer")
      ->check(CLI::PositiveNumber);
  app.add_option("--slow-ms", o.slow_ms, "how long the isolation's slow call takes")
      ->check(CLI::PositiveNumber);
  app.add_option("--probes", o.probes, "the probe's questions, alone and beside the slow call")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  return Run(o);
}
