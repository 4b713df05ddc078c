// Three `frontdesk serve` on one PostgreSQL database, one of them killed (SIGKILL) at random
// moments and restarted under its name, while WhatsApp customers write through all three (a
// webhook an instance did not acknowledge goes to another, as Meta retries) and a person acts in
// the CRM through the two that stay. Afterwards: every acknowledged message is stored once, no
// reply reached the Graph API twice, every pause ran out once, the dashboards open on the
// surviving instances saw every message, and each conversation reads as it does after the same
// input to a single instance.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "channels/signature.h"
#include "e2e/crm_server.h"
#include "e2e/event_watcher.h"
#include "e2e/fake_graph.h"
#include "store/database.h"
#include "testing/postgres.h"
#include "testing/serve_process.h"
#include "testing/temp_dir.h"
#include "testing/test_database.h"

namespace e2e {
namespace {

using nlohmann::json;
using testing_support::ServeProcess;

constexpr const char* kSecret = "fixture_app_secret_0123456789abcdef";
constexpr const char* kPhoneId = "106540352242922";
// The integer in the environment variable `name`, else `otherwise`.
int EnvInt(const char* name, int otherwise) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::atoi(value) : otherwise;
}

// The campaign's size; a longer one: FRONTDESK_TEST_CUSTOMERS=60 FRONTDESK_TEST_KILLS=20 ctest
// -R InstancesE2e.
const int kCustomers = EnvInt("FRONTDESK_TEST_CUSTOMERS", 12);
const auto kKills = static_cast<std::size_t>(EnvInt("FRONTDESK_TEST_KILLS", 4));
// The messages each customer sends (Customers::Script).
constexpr int kSteps = 5;

// One customer's conversation as both runs store it: "author: text" per message.
using Transcript = std::vector<std::string>;

// `frontdesk serve` processes on one database, each under its instance name, sending to `graph`.
class Deployment {
 public:
  Deployment(int instances, FakeGraph& graph) : graph_(graph) {
    std::ofstream(dir_.path() / "shop.toml") << R"(slug = "shop"
[agent]
greeting = "Hi! This is the bike shop."
workflow = "handoff_to_human"
resume_notice = "Back again."
[settings]
debounce = "0s"
pause = "3s"
[context]
text = "Opening hours: Monday to Friday from 10:00 to 19:00."
[[channels]]
type = "whatsapp"
account_id = ")" << kPhoneId << R"("
access_token = "test-access-token"
app_secret = ")" << kSecret << R"("
app_id = "1517776481860111"
verify_token = "verify-me"
)";
    const std::string init = std::string(FRONTDESK_BINARY) + " init --db '" + url() +
                             "' --config " + (dir_.path() / "shop.toml").string() + " > /dev/null";
    const std::string member = "echo '" + std::string(CrmServer::kOwnerPassword) + "' | " +
                               FRONTDESK_BINARY + " user add --db '" + url() +
                               "' --workspace shop --email " + CrmServer::kOwnerEmail +
                               " --role owner > /dev/null";
    ready_ = std::system(init.c_str()) == 0 && std::system(member.c_str()) == 0;
    for (int i = 0; i < instances && ready_; ++i) {
      servers_.push_back(std::make_unique<ServeProcess>(
          FRONTDESK_BINARY,
          std::map<std::string, std::string>{
              {"FRONTDESK_DATABASE_URL", url()},
              {"FRONTDESK_SERVER_PORT", "0"},
              {"FRONTDESK_SERVER_INSTANCE", "web-" + std::to_string(i + 1)},
              {"FRONTDESK_GRAPH_BASE_URL", "http://127.0.0.1:" + std::to_string(graph_.port())}},
          log_file()));
      ready_ = servers_.back()->Start();
      ports_.push_back(servers_.back()->port());
    }
  }

  bool ready() const { return ready_; }
  // Where every instance's log goes.
  std::string log_file() const { return (dir_.path() / "serve.log").string(); }
  // What the instances logged besides starting and stopping.
  std::string Log() const {
    std::ifstream in(log_file());
    std::string out;
    for (std::string line; std::getline(in, line);) {
      if (line.find(" stopped") == std::string::npos) out += line + "\n";
    }
    return out;
  }
  std::string url() const { return database_.url(); }
  int size() const { return static_cast<int>(servers_.size()); }
  // The instance's port; 0 while it is down.
  int port(int instance) {
    std::lock_guard lock(mutex_);
    return ports_[instance];
  }
  std::string base_url(int instance) {
    return "http://127.0.0.1:" + std::to_string(port(instance));
  }

  // SIGKILL, then a start under the same name (on a new port).
  bool KillAndRestart(int instance) {
    {
      std::lock_guard lock(mutex_);
      ports_[instance] = 0;
    }
    servers_[instance]->Kill();
    const bool started = servers_[instance]->Start();
    std::lock_guard lock(mutex_);
    ports_[instance] = servers_[instance]->port();
    return started;
  }

 private:
  FakeGraph& graph_;
  testing_support::TempDir dir_;
  testing_support::PostgresDatabase database_;
  bool ready_ = false;
  std::vector<std::unique_ptr<ServeProcess>> servers_;
  std::mutex mutex_;
  std::vector<int> ports_;  // guarded by mutex_
};

std::string Phone(int customer) { return "1650555" + std::to_string(1000 + customer); }
// The id of the customer's message of `step`.
std::string Wamid(int customer, int step) {
  return "wamid.c" + std::to_string(customer) + "s" + std::to_string(step);
}

// A customer's WhatsApp message, as Meta delivers it now.
std::string Webhook(int customer, const std::string& wamid, const std::string& text) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const json message = {
      {"from", Phone(customer)},
      {"id", wamid},
      {"timestamp", std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count())},
      {"type", "text"},
      {"text", {{"body", text}}}};
  json contact = json::object();
  contact["profile"] = {{"name", "Customer " + std::to_string(customer)}};
  contact["wa_id"] = Phone(customer);
  json value = json::object();
  value["messaging_product"] = "whatsapp";
  value["metadata"] = {{"display_phone_number", "15550783881"}, {"phone_number_id", kPhoneId}};
  value["contacts"] = json::array({contact});
  value["messages"] = json::array({message});
  json change = json::object();
  change["value"] = value;
  change["field"] = "messages";
  json entry = json::object();
  entry["id"] = "102290129340398";
  entry["changes"] = json::array({change});
  json callback = json::object();
  callback["object"] = "whatsapp_business_account";
  callback["entry"] = json::array({entry});
  return callback.dump();
}

// Runs every customer's script against `d` (spreading webhooks over all its instances and CRM
// actions over `crm_instances`), each customer on a thread of its own; the wamids acknowledged.
class Customers {
 public:
  Customers(Deployment& d, int crm_instances, httplib::Headers owner)
      : d_(d), crm_instances_(crm_instances), owner_(std::move(owner)) {
    db_ = store::OpenDatabase(d.url(), {}).value();
    workspace_ = db_->store().FindWorkspace("shop").value().id;
  }

  void Run() {
    std::vector<std::thread> threads;
    for (int c = 0; c < kCustomers; ++c) threads.emplace_back([this, c] { Script(c); });
    for (auto& t : threads) t.join();
  }

  core::ConversationSnapshot Conversation(int customer) {
    return db_->store()
        .OpenConversation({workspace_, core::Channel::kWhatsapp, Phone(customer), kPhoneId}, 100)
        .value();
  }
  Transcript TranscriptOf(int customer) {
    Transcript out;
    for (const core::Message& m : Conversation(customer).history) {
      out.push_back(std::string(core::ToString(m.author)) + ": " + m.text);
    }
    return out;
  }
  // Whether the customer's message with this id is stored (under its dedupe key).
  bool Stored(const std::string& wamid) {
    base::Result<bool> has = db_->store().HasMessage(workspace_, "whatsapp:message:" + wamid);
    return has.ok() && *has;
  }
  store::Database& db() { return *db_; }
  std::int64_t workspace() const { return workspace_; }
  std::set<std::string> acknowledged() {
    std::lock_guard lock(mutex_);
    return acknowledged_;
  }

 private:
  // One customer: a question, a request for a person, a message while the AI is paused (answered
  // with the resume notice when the pause runs out), for some a person taking over and giving the
  // conversation back, and a last message.
  void Script(int c) {
    Say(c, 0, "Hello");
    ASSERT_TRUE(Settled(c, 0, core::Mode::kAi)) << "no greeting for customer " << c;
    Say(c, 1, "What are your opening hours?");
    ASSERT_TRUE(Settled(c, 1, core::Mode::kAi)) << "no answer for customer " << c;
    Say(c, 2, "I want to talk to a person");
    ASSERT_TRUE(Settled(c, 2, core::Mode::kManual)) << "no handoff for customer " << c;
    Say(c, 3, "Are you there?");
    ASSERT_TRUE(Settled(c, 3, core::Mode::kAi))
        << "the pause of customer " << c << " never ran out";
    if (c % 3 == 0) {
      const std::string one = "/api/v1/workspaces/shop/conversations/" +
                              std::to_string(Conversation(c).conversation.id);
      ASSERT_TRUE(Crm(c, one + "/take-control", "{}"));
      ASSERT_TRUE(Crm(c + 1, one + "/messages", json{{"text", "Ana here, all good?"}}.dump()));
      ASSERT_TRUE(Crm(c, one + "/return-to-ai", "{}"));
    }
    Say(c, 4, "Thanks, see you");
    ASSERT_TRUE(Settled(c, 4, core::Mode::kAi)) << "no last answer for customer " << c;
  }

  // Delivers the customer's message through instance (c + step) % size, or the next one that
  // acknowledges it, as Meta retries.
  void Say(int c, int step, const std::string& text) {
    const std::string wamid = Wamid(c, step);
    const std::string body = Webhook(c, wamid, text);
    const httplib::Headers signed_by = {{"X-Hub-Signature-256", channels::Sign(body, kSecret)}};
    for (int attempt = 0; attempt < 200; ++attempt) {
      const int port = d_.port((c + step + attempt) % d_.size());
      if (port == 0) continue;
      httplib::Client client("127.0.0.1", port);
      auto r = client.Post("/webhooks/whatsapp", signed_by, body, "application/json");
      if (r && r->status == 200) {
        std::lock_guard lock(mutex_);
        acknowledged_.insert(wamid);
        return;
      }
    }
    ADD_FAILURE() << wamid << " was never acknowledged";
  }

  // A CRM action through one of the instances that stay up.
  bool Crm(int pick, const std::string& path, const std::string& body) {
    httplib::Client client(d_.base_url(pick % crm_instances_));
    auto r = client.Post(path, owner_, body, "application/json");
    EXPECT_TRUE(r && r->status / 100 == 2) << path << ": " << (r ? r->body : "no answer");
    return r && r->status / 100 == 2;
  }

  // Waits until the customer's message of `step` is stored and answered (or, paused, not), with
  // the conversation in `mode`.
  bool Settled(int c, int step, core::Mode mode) {
    const std::string wamid = Wamid(c, step);
    return WaitFor(
        [&] {
          if (!Stored(wamid)) return false;
          const core::ConversationSnapshot s = Conversation(c);
          return s.conversation.lease.mode == mode &&
                 s.history.back().author != core::Author::kCustomer;
        },
        std::chrono::seconds{60});
  }

  Deployment& d_;
  const int crm_instances_;
  const httplib::Headers owner_;
  std::unique_ptr<store::Database> db_;
  std::int64_t workspace_ = 0;
  std::mutex mutex_;
  std::set<std::string> acknowledged_;  // guarded by mutex_
};

// The message ids a dashboard's stream carried.
std::set<std::int64_t> MessagesSeen(const std::string& stream) {
  std::set<std::int64_t> ids;
  static const std::regex kEvent("event: message\ndata: ([^\n]*)\n");
  for (auto it = std::sregex_iterator(stream.begin(), stream.end(), kEvent);
       it != std::sregex_iterator(); ++it) {
    ids.insert(json::parse((*it)[1].str())["message"]["id"].get<std::int64_t>());
  }
  return ids;
}

httplib::Headers SignIn(const std::string& base_url) {
  httplib::Client client(base_url);
  const json credentials{{"email", CrmServer::kOwnerEmail},
                         {"password", CrmServer::kOwnerPassword}};
  auto r = client.Post("/api/v1/auth/login", credentials.dump(), "application/json");
  if (!r || r->status != 200) return {};
  const std::string set = r->get_header_value("Set-Cookie");
  return {{"Cookie", set.substr(0, set.find(';'))},
          {"X-CSRF-Token", json::parse(r->body)["csrf_token"].get<std::string>()}};
}

TEST(InstancesE2eTest, AnInstanceKilledAtAnyMomentLosesNothingAndRepeatsNothing) {
  if (testing_support::TestsUsePostgres()) {
    GTEST_SKIP() << "runs once, in the e2e suite: it makes its own PostgreSQL databases";
  }
  // The same input to one instance: what each conversation must read.
  std::vector<Transcript> expected;
  {
    FakeGraph graph;
    Deployment single(1, graph);
    ASSERT_TRUE(single.ready());
    Customers customers(single, 1, SignIn(single.base_url(0)));
    customers.Run();
    for (int c = 0; c < kCustomers; ++c) expected.push_back(customers.TranscriptOf(c));
  }

  FakeGraph graph;
  Deployment three(3, graph);
  ASSERT_TRUE(three.ready());
  const struct LogOnFailure {
    Deployment& d;
    ~LogOnFailure() {
      if (::testing::Test::HasFailure()) ADD_FAILURE() << "the instances logged:\n" << d.Log();
    }
  } log_on_failure{three};
  const httplib::Headers owner = SignIn(three.base_url(0));
  ASSERT_FALSE(owner.empty());
  Watcher on_first(three.base_url(0), Events("shop"), owner);
  Watcher on_second(three.base_url(1), Events("shop"), owner);
  ASSERT_EQ(on_first.Status(), 200);
  ASSERT_EQ(on_second.Status(), 200);
  Customers customers(three, 2, owner);
  // The kills come after random numbers of acknowledged messages: at random moments of the run.
  std::atomic<bool> done = false;
  std::size_t kills = 0;
  std::thread killer([&] {
    std::mt19937 random(std::random_device{}());
    std::uniform_int_distribution<std::size_t> after(1, kSteps * kCustomers - 1);
    std::set<std::size_t> moments;
    while (moments.size() < kKills) moments.insert(after(random));
    for (const std::size_t moment : moments) {
      WaitFor([&] { return done || customers.acknowledged().size() >= moment; },
              std::chrono::seconds{120});
      if (done) break;
      EXPECT_TRUE(three.KillAndRestart(2));
      ++kills;
    }
  });
  customers.Run();
  done = true;
  killer.join();
  EXPECT_GE(kills, 1u);

  // Every acknowledged message stored once; each conversation as the single instance has it.
  std::map<std::pair<std::string, std::string>, int> stored_replies;  // (phone, text) -> count
  std::set<std::int64_t> message_ids;
  for (int c = 0; c < kCustomers; ++c) {
    const core::ConversationSnapshot s = customers.Conversation(c);
    EXPECT_EQ(customers.TranscriptOf(c), expected[c]) << "customer " << c;
    int from_customer = 0;
    for (const core::Message& m : s.history) {
      message_ids.insert(m.id);
      from_customer += m.author == core::Author::kCustomer;
      if (m.author == core::Author::kAi || m.author == core::Author::kHumanCrm) {
        ++stored_replies[{Phone(c), m.text}];
      }
    }
    EXPECT_EQ(from_customer, kSteps) << "customer " << c;
    for (int step = 0; step < kSteps; ++step) {
      const std::string wamid = Wamid(c, step);
      EXPECT_TRUE(customers.acknowledged().contains(wamid)) << wamid;
      EXPECT_TRUE(customers.Stored(wamid)) << wamid;
    }
    // The pause after the handoff ran out once, and its notice went out once; a person's return
    // took the other pause back.
    int resumed = 0;
    int returned = 0;
    auto audit = customers.db().store().ListAudit(customers.workspace(), s.conversation.id);
    ASSERT_TRUE(audit.ok());
    for (const core::AuditEvent& e : *audit) {
      resumed += e.kind == core::AuditKind::kAutoResume;
      returned += e.kind == core::AuditKind::kReturnToAi;
    }
    EXPECT_EQ(resumed, 1) << "customer " << c;
    EXPECT_EQ(std::ranges::count_if(s.history,
                                    [](const core::Message& m) {
                                      return m.text.find("Back again.") != std::string::npos;
                                    }),
              1)
        << "customer " << c;
    EXPECT_EQ(returned, c % 3 == 0 ? 1 : 0) << "customer " << c;
  }
  // No reply reached the Graph API more often than it is stored (once, unless the shop says the
  // same words twice).
  std::map<std::pair<std::string, std::string>, int> sent;
  for (const GraphRequest& r : graph.requests()) {
    const json body = json::parse(r.body);
    ++sent[{body["to"].get<std::string>(), body["text"]["body"].get<std::string>()}];
  }
  for (const auto& [reply, count] : sent) {
    EXPECT_LE(count, stored_replies[reply])
        << reply.first << " got \"" << reply.second << "\" " << count << " times";
  }
  // The dashboards on the instances that stayed up saw every message.
  for (Watcher* watcher : {&on_first, &on_second}) {
    EXPECT_TRUE(WaitFor([&] { return MessagesSeen(watcher->received()) == message_ids; }))
        << MessagesSeen(watcher->received()).size() << " of " << message_ids.size();
  }
}

}  // namespace
}  // namespace e2e
