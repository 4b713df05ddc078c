// End to end under load: customers of the demo shop write on WhatsApp to `frontdesk serve`
// (SQLite, local brain, debounce 0) through signed webhooks, and a fake Graph API on loopback
// receives the replies.
//
// Open loop: message k leaves at start + k / rate whatever the server's pace, and its latency
// runs from that moment to the arrival of its conversation's next reply at the fake Graph API, so
// a server that falls behind cannot hide its queue. Each conversation writes every
// conversations / rate seconds (0.5 s by default), far apart from its own replies, so replies
// pair with messages in order.
//
//   e2e_bench --binary build/src/frontdesk --shop examples/shop [--rate 2000] [--seconds 10]
//             [--conversations 1000] [--database URL] [--instances 1]
//
// --database serves another database than a fresh SQLite file (an empty PostgreSQL database:
// bench/run-e2e makes one), and --instances starts that many servers on it, the webhooks spread
// over them.
//
// Prints one Markdown table row: the backend and instances, offered rate, replies/s, latency
// percentiles, lost messages, the servers' CPU time per reply and their peak RSS.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "testing/serve_process.h"
#include "testing/temp_dir.h"
#include "whatsapp_load.h"

namespace {

namespace fs = std::filesystem;
using bench::Clock;

constexpr auto kDrainLimit = std::chrono::seconds{20};

// What customers ask; every one is answered from the shop's catalog or context.
const char* const kQuestions[] = {"Do you have ceramic vases?", "How much is shipping?",
                                  "What are your opening hours?", "Do you sell linen bedding?",
                                  "What is your return policy?"};

struct Options {
  std::string binary;
  std::string shop;
  double rate = 2000;
  double seconds = 10;
  int conversations = 1000;
  std::string database;  // "" for a fresh SQLite file
  int instances = 1;
  std::string log;  // the servers' logs, appended to this file ("": dropped)
};

// The shop's workspace file with a WhatsApp account, debounce 0, in `dir`.
bool WriteWorkspace(const Options& o, const fs::path& dir) {
  for (const char* name : {"catalog.csv", "context.md"}) {
    fs::copy_file(fs::path(o.shop) / name, dir / name);
  }
  std::ifstream in(fs::path(o.shop) / "workspace.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  const std::string debounce = "debounce = \"2s\"";
  const auto at = toml.find(debounce);
  if (at == std::string::npos) return false;
  toml.replace(at, debounce.size(), "debounce = \"0s\"");
  std::ofstream(dir / "workspace.toml") << toml << bench::WhatsAppChannelToml();
  return true;
}

int Run(const Options& o) {
  testing_support::TempDir dir;
  if (!WriteWorkspace(o, dir.path())) {
    std::cerr << "e2e_bench: the shop's workspace.toml has no `debounce = \"2s\"` to replace\n";
    return 1;
  }
  const std::string database = o.database.empty() ? bench::DefaultDatabase(dir.path()) : o.database;
  if (!bench::InitWorkspace(o.binary, dir.path(), database)) return 1;

  bench::Ledger ledger;
  // Threads for every instance's kept-alive connections: a connection waiting for a thread would
  // stall that instance's sends.
  bench::FakeGraph graph(ledger, 16 * static_cast<std::size_t>(o.instances));
  if (!graph.started()) {
    std::cerr << "e2e_bench: the fake Graph API did not start\n";
    return 1;
  }
  std::vector<std::unique_ptr<testing_support::ServeProcess>> servers;
  std::vector<int> ports;
  for (int i = 0; i < o.instances; ++i) {
    servers.push_back(std::make_unique<testing_support::ServeProcess>(
        o.binary, bench::ServeEnv(database, graph.port(), "bench-" + std::to_string(i + 1)),
        o.log));
    if (!servers.back()->Start()) {
      std::cerr << "e2e_bench: a server did not start\n";
      return 1;
    }
    ports.push_back(servers.back()->port());
  }
  double cpu_before = 0;
  for (const auto& server : servers) cpu_before += bench::CpuSeconds(server->pid());

  // Every webhook is built and signed before the clock starts: the load generator shares the
  // machine's two cores with the server and should spend as little of them as it can.
  const long total = static_cast<long>(o.rate * o.seconds);
  std::vector<bench::Delivery> deliveries;
  deliveries.reserve(static_cast<std::size_t>(total));
  const std::int64_t unix_start = bench::UnixSeconds();
  for (long k = 0; k < total; ++k) {
    const auto sent_at = unix_start + static_cast<std::int64_t>(static_cast<double>(k) / o.rate);
    const long nth = k / o.conversations;  // of its conversation
    deliveries.push_back(bench::MakeDelivery(static_cast<int>(k % o.conversations), k,
                                             kQuestions[nth % std::size(kQuestions)], sent_at));
  }
  // Whatever the machine wrote before (a build) is flushed first: its writeback would stall the
  // server's own writes in the middle of the measurement.
  ::sync();
  const auto start = Clock::now() + std::chrono::milliseconds{100};
  const bench::SendReport sent = bench::SendOpenLoop(ports, deliveries, o.rate, start, ledger);
  ledger.WaitUntilOutstanding(0, kDrainLimit);
  double peak_rss = 0;
  double cpu = -cpu_before;
  for (const auto& server : servers) {
    peak_rss += bench::PeakRssMib(server->pid());
    cpu += bench::CpuSeconds(server->pid());
    server->Terminate();
  }
  const long lost = ledger.outstanding();
  const bench::Ledger::Summary s = ledger.Take();

  const double elapsed = std::chrono::duration<double>(s.last_reply - start).count();
  const double replies_per_s =
      elapsed > 0 ? static_cast<double>(s.latencies_ms.size()) / elapsed : 0;
  using bench::Percentile;
  const double cpu_ms_per_reply =
      s.latencies_ms.empty() ? 0 : 1000 * cpu / static_cast<double>(s.latencies_ms.size());
  std::printf(
      "| %s | %d | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %ld | %ld | %.2f | %.0f |\n",
      o.database.rfind("postgres", 0) == 0 ? "PostgreSQL" : "SQLite", o.instances, o.conversations,
      o.rate, replies_per_s, Percentile(s.latencies_ms, 0.50), Percentile(s.latencies_ms, 0.90),
      Percentile(s.latencies_ms, 0.99), s.latencies_ms.empty() ? 0.0 : s.latencies_ms.back(),
      lost + sent.refused, s.extra, cpu_ms_per_reply, peak_rss);
  return lost == 0 && sent.refused == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"frontdesk end to end under load"};
  app.add_option("--binary", o.binary, "the frontdesk executable")->required();
  app.add_option("--shop", o.shop, "the example shop's folder (workspace.toml, catalog, context)")
      ->required();
  app.add_option("--rate", o.rate, "messages per second offered")->check(CLI::PositiveNumber);
  app.add_option("--seconds", o.seconds, "how long messages are sent")->check(CLI::PositiveNumber);
  app.add_option("--conversations", o.conversations, "customers writing")
      ->check(CLI::PositiveNumber);
  app.add_option("--database", o.database, "an empty database's URL (default: a SQLite file)");
  app.add_option("--instances", o.instances, "servers on the database")->check(CLI::PositiveNumber);
  app.add_option("--log", o.log, "append the servers' logs to this file");
  CLI11_PARSE(app, argc, argv);
  return Run(o);
}
