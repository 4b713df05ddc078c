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
//             [--conversations 1000]
//
// Prints one Markdown table row: offered rate, replies/s, latency percentiles, lost messages and
// the server's peak RSS.
#include <httplib.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "channels/signature.h"
#include "testing/loopback_server.h"
#include "testing/serve_process.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kSecret = "bench_app_secret";
constexpr const char* kPhoneNumberId = "106540352242922";
constexpr int kSenderThreads = 16;
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
};

std::string CustomerId(int conversation) {
  char id[16];
  std::snprintf(id, sizeof id, "1555%07d", conversation);
  return id;
}

// The signed payload of message `message`, the `nth` of its conversation.
std::string Webhook(int conversation, long message, long nth, std::int64_t unix_seconds) {
  const std::string customer = CustomerId(conversation);
  nlohmann::json text_message = {{"from", customer},
                                 {"id", "wamid.bench." + std::to_string(message)},
                                 {"timestamp", std::to_string(unix_seconds)},
                                 {"type", "text"},
                                 {"text", {{"body", kQuestions[nth % std::size(kQuestions)]}}}};
  nlohmann::json value = {
      {"messaging_product", "whatsapp"},
      {"metadata", {{"display_phone_number", "15550783881"}, {"phone_number_id", kPhoneNumberId}}},
      {"contacts",
       {{{"profile", {{"name", "Customer " + std::to_string(conversation)}}},
         {"wa_id", customer}}}},
      {"messages", {text_message}}};
  nlohmann::json body = {
      {"object", "whatsapp_business_account"},
      {"entry",
       {{{"id", "102290129340398"}, {"changes", {{{"value", value}, {"field", "messages"}}}}}}}};
  return body.dump();
}

// The "to" of a WhatsApp send as frontdesk writes it ({"messaging_product":"whatsapp","to":"..."}),
// found without parsing the whole body.
std::optional<std::string> Recipient(const std::string& body) {
  constexpr std::string_view kTo = "\"to\":\"";
  const auto at = body.find(kTo);
  if (at == std::string::npos) return std::nullopt;
  const auto begin = at + kTo.size();
  const auto end = body.find('"', begin);
  if (end == std::string::npos) return std::nullopt;
  return body.substr(begin, end - begin);
}

// The messages of every conversation still waiting for their reply, and the latencies so far.
class Ledger {
 public:
  void Sent(const std::string& customer, Clock::time_point scheduled) {
    std::lock_guard lock(mutex_);
    waiting_[customer].push_back(scheduled);
    ++outstanding_;
  }
  void Replied(const std::string& customer, Clock::time_point at) {
    std::lock_guard lock(mutex_);
    auto& queue = waiting_[customer];
    last_reply_ = std::max(last_reply_, at);
    if (queue.empty()) {
      ++extra_;  // a second message for one answer (a split or a notice): not a reply of its own
      return;
    }
    latencies_ms_.push_back(std::chrono::duration<double, std::milli>(at - queue.front()).count());
    queue.pop_front();
    --outstanding_;
  }
  long outstanding() {
    std::lock_guard lock(mutex_);
    return outstanding_;
  }
  struct Summary {
    std::vector<double> latencies_ms;
    long extra = 0;
    Clock::time_point last_reply;
  };
  Summary Take() {
    std::lock_guard lock(mutex_);
    std::sort(latencies_ms_.begin(), latencies_ms_.end());
    return {latencies_ms_, extra_, last_reply_};
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> waiting_;
  std::vector<double> latencies_ms_;
  long outstanding_ = 0;
  long extra_ = 0;
  Clock::time_point last_reply_;
};

// The Graph API's send endpoint, accepting every message.
class FakeGraph {
 public:
  explicit FakeGraph(Ledger& ledger) {
    loopback_.server.Post(
        R"(/.*)", [&ledger, this](const httplib::Request& req, httplib::Response& res) {
          const auto at = Clock::now();
          if (auto to = Recipient(req.body)) ledger.Replied(*to, at);
          res.set_content(R"({"messaging_product":"whatsapp","messages":[{"id":"wamid.out.)" +
                              std::to_string(++sent_) + R"("}]})",
                          "application/json");
        });
    // cpp-httplib's defaults would dominate the measurement: Nagle's delay on every answer, and a
    // new connection every 5 requests.
    loopback_.server.set_tcp_nodelay(true);
    loopback_.server.set_keep_alive_max_count(1 << 30);
    started_ = loopback_.Start();
  }
  bool started() const { return started_; }
  int port() const { return loopback_.port(); }

 private:
  std::atomic<long> sent_{0};
  bool started_ = false;
  testing_support::LoopbackServer loopback_;  // last: stopped first
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
  toml += std::string("\n[[channels]]\ntype = \"whatsapp\"\naccount_id = \"") + kPhoneNumberId +
          "\"\naccess_token = \"bench-token\"\napp_secret = \"" + kSecret + "\"\n";
  std::ofstream(dir / "workspace.toml") << toml;
  return true;
}

long PeakRssKib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[i];
}

int Run(const Options& o) {
  char pattern[] = "/tmp/frontdesk-e2e-bench-XXXXXX";
  if (mkdtemp(pattern) == nullptr) return 1;
  const fs::path dir = pattern;
  const std::string db = (dir / "fd.db").string();
  if (!WriteWorkspace(o, dir)) {
    std::cerr << "e2e_bench: the shop's workspace.toml has no `debounce = \"2s\"` to replace\n";
    return 1;
  }
  const std::string init = o.binary + " init --db " + db + " --config " +
                           (dir / "workspace.toml").string() + " > /dev/null";
  if (std::system(init.c_str()) != 0) return 1;

  Ledger ledger;
  FakeGraph graph(ledger);
  if (!graph.started()) {
    std::cerr << "e2e_bench: the fake Graph API did not start\n";
    return 1;
  }
  testing_support::ServeProcess server(
      o.binary, {{"FRONTDESK_DATABASE_PATH", db},
                 {"FRONTDESK_SERVER_PORT", "0"},
                 {"FRONTDESK_GRAPH_BASE_URL", "http://127.0.0.1:" + std::to_string(graph.port())}});
  if (!server.Start()) {
    std::cerr << "e2e_bench: the server did not start\n";
    return 1;
  }

  const long total = static_cast<long>(o.rate * o.seconds);
  const auto interval = std::chrono::duration<double>(1.0 / o.rate);
  // Every webhook is built and signed before the clock starts: the load generator shares the
  // machine's two cores with the server and should spend as little of them as it can.
  struct Delivery {
    std::string customer;
    std::string body;
    std::string signature;
  };
  std::vector<Delivery> deliveries;
  deliveries.reserve(static_cast<std::size_t>(total));
  const auto unix_start = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  for (long k = 0; k < total; ++k) {
    const int conversation = static_cast<int>(k % o.conversations);
    const auto sent_at = unix_start + static_cast<std::int64_t>(static_cast<double>(k) / o.rate);
    std::string body = Webhook(conversation, k, k / o.conversations, sent_at);
    std::string signature = channels::Sign(body, kSecret);
    deliveries.push_back({CustomerId(conversation), std::move(body), std::move(signature)});
  }
  // Whatever the machine wrote before (a build) is flushed first: its writeback would stall the
  // server's own writes in the middle of the measurement.
  ::sync();
  const auto start = Clock::now() + std::chrono::milliseconds{100};
  std::atomic<long> refused{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < kSenderThreads; ++t) {
    senders.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      for (long k = t; k < total; k += kSenderThreads) {
        const auto scheduled =
            start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(k));
        std::this_thread::sleep_until(scheduled);
        const Delivery& d = deliveries[static_cast<std::size_t>(k)];
        ledger.Sent(d.customer, scheduled);
        auto res = client.Post("/webhooks/whatsapp",
                               {{std::string(channels::kSignatureHeader), d.signature}}, d.body,
                               "application/json");
        if (!res || res->status != 200) ++refused;
      }
    });
  }
  for (std::thread& s : senders) s.join();
  const auto drain_until = Clock::now() + kDrainLimit;
  while (ledger.outstanding() > 0 && Clock::now() < drain_until) {
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  const long peak_rss_kib = PeakRssKib(server.pid());
  server.Terminate();
  const long lost = ledger.outstanding();
  const Ledger::Summary s = ledger.Take();
  fs::remove_all(dir);

  const double elapsed = std::chrono::duration<double>(s.last_reply - start).count();
  const double replies_per_s =
      elapsed > 0 ? static_cast<double>(s.latencies_ms.size()) / elapsed : 0;
  std::printf("| %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %ld | %ld | %.0f |\n",
              o.conversations, o.rate, replies_per_s, Percentile(s.latencies_ms, 0.50),
              Percentile(s.latencies_ms, 0.90), Percentile(s.latencies_ms, 0.99),
              s.latencies_ms.empty() ? 0.0 : s.latencies_ms.back(), lost + refused.load(), s.extra,
              static_cast<double>(peak_rss_kib) / 1024.0);
  return lost == 0 && refused == 0 ? 0 : 1;
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
  CLI11_PARSE(app, argc, argv);
  return Run(o);
}
