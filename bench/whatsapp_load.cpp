#include "whatsapp_load.h"

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>

#include "channels/signature.h"

namespace bench {
namespace {

constexpr int kSenderThreads = 16;

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

httplib::Client WebhookClient(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  return client;
}

bool Post(httplib::Client& client, const Delivery& d) {
  auto res =
      client.Post("/webhooks/whatsapp", {{std::string(channels::kSignatureHeader), d.signature}},
                  d.body, "application/json");
  return res && res->status == 200;
}

}  // namespace

std::string DefaultDatabase(const std::filesystem::path& dir) {
  return "sqlite:" + (dir / "fd.db").string();
}

bool InitWorkspace(const std::string& binary, const std::filesystem::path& dir,
                   const std::string& database) {
  const std::string init = binary + " init --db '" + database + "' --config " +
                           (dir / "workspace.toml").string() + " > /dev/null";
  return std::system(init.c_str()) == 0;
}

std::map<std::string, std::string> ServeEnv(const std::string& database, int graph_port,
                                            const std::string& instance) {
  std::map<std::string, std::string> env = {
      {"FRONTDESK_DATABASE_URL", database},
      {"FRONTDESK_SERVER_PORT", "0"},
      {"FRONTDESK_GRAPH_BASE_URL", "http://127.0.0.1:" + std::to_string(graph_port)}};
  if (!instance.empty()) env["FRONTDESK_SERVER_INSTANCE"] = instance;
  return env;
}

std::string CustomerId(int conversation) {
  char id[16];
  std::snprintf(id, sizeof id, "1555%07d", conversation);
  return id;
}

std::string WhatsAppChannelToml() {
  return std::string("\n[[channels]]\ntype = \"whatsapp\"\naccount_id = \"") + kPhoneNumberId +
         "\"\naccess_token = \"bench-token\"\napp_secret = \"" + kAppSecret + "\"\n";
}

Delivery MakeDelivery(int conversation, long message, const std::string& text,
                      std::int64_t unix_seconds) {
  const std::string customer = CustomerId(conversation);
  nlohmann::json text_message = {{"from", customer},
                                 {"id", "wamid.bench." + std::to_string(message)},
                                 {"timestamp", std::to_string(unix_seconds)},
                                 {"type", "text"},
                                 {"text", {{"body", text}}}};
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
  std::string dumped = body.dump();
  std::string signature = channels::Sign(dumped, kAppSecret);
  return {customer, std::move(dumped), std::move(signature)};
}

std::int64_t UnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void Ledger::Sent(const std::string& customer, Clock::time_point scheduled) {
  std::lock_guard lock(mutex_);
  waiting_[customer].push_back(scheduled);
  ++outstanding_;
}

void Ledger::Replied(const std::string& customer, Clock::time_point at) {
  std::lock_guard lock(mutex_);
  auto& queue = waiting_[customer];
  summary_.last_reply = std::max(summary_.last_reply, at);
  if (queue.empty()) {
    ++summary_.extra;  // a second message for one answer (a split or a notice): not a reply
    return;
  }
  summary_.latencies_ms.push_back(
      std::chrono::duration<double, std::milli>(at - queue.front()).count());
  summary_.replied_at.push_back(at);
  queue.pop_front();
  --outstanding_;
}

long Ledger::outstanding() {
  std::lock_guard lock(mutex_);
  return outstanding_;
}

bool Ledger::WaitUntilOutstanding(long outstanding, Clock::duration limit) {
  const auto until = Clock::now() + limit;
  while (this->outstanding() > outstanding) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds{1});
  }
  return true;
}

Ledger::Summary Ledger::Take() {
  std::lock_guard lock(mutex_);
  Summary taken = std::move(summary_);
  summary_ = {};
  std::sort(taken.latencies_ms.begin(), taken.latencies_ms.end());
  return taken;
}

FakeGraph::FakeGraph(Ledger& ledger, std::size_t threads) {
  loopback_.server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
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

SendReport SendOpenLoop(const std::vector<int>& ports, const std::vector<Delivery>& deliveries,
                        double rate, Clock::time_point start, Ledger& ledger) {
  const auto interval = std::chrono::duration<double>(1.0 / rate);
  const long total = static_cast<long>(deliveries.size());
  std::mutex mutex;
  SendReport report;
  std::vector<std::thread> senders;
  for (int t = 0; t < kSenderThreads; ++t) {
    senders.emplace_back([&, t] {
      httplib::Client client = WebhookClient(ports[static_cast<std::size_t>(t) % ports.size()]);
      std::vector<double> ack_ms;
      long refused = 0;
      for (long k = t; k < total; k += kSenderThreads) {
        const auto scheduled =
            start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(k));
        std::this_thread::sleep_until(scheduled);
        const Delivery& d = deliveries[static_cast<std::size_t>(k)];
        ledger.Sent(d.customer, scheduled);
        const auto posted = Clock::now();
        if (!Post(client, d)) ++refused;
        ack_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - posted).count());
      }
      std::lock_guard lock(mutex);
      report.ack_ms.insert(report.ack_ms.end(), ack_ms.begin(), ack_ms.end());
      report.refused += refused;
    });
  }
  for (std::thread& s : senders) s.join();
  std::sort(report.ack_ms.begin(), report.ack_ms.end());
  return report;
}

bool SendNow(int port, const Delivery& delivery, Ledger& ledger) {
  httplib::Client client = WebhookClient(port);
  ledger.Sent(delivery.customer, Clock::now());
  return Post(client, delivery);
}

double PeakRssMib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0)
      return static_cast<double>(std::atol(line.c_str() + 6)) / 1024;
  }
  return 0;
}

double CpuSeconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  // The fields after the command's name (which may hold spaces), from field 3 on.
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[i];
}

}  // namespace bench
