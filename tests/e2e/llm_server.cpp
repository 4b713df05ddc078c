#include "e2e/llm_server.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include "channels/signature.h"
#include "store/database.h"
#include "testing/fixture.h"

namespace e2e {
namespace {

using nlohmann::json;

constexpr const char* kAppSecret = "casa_app_secret_0123456789abcdef";
constexpr const char* kAccessToken = "casa-access-token";
constexpr const char* kAppId = "1517776481860111";  // ours: the echoes of the fixtures are not

struct MetaChannel {
  core::Channel channel;
  const char* account_id;
  const char* text_fixture;
  const char* echo_fixture;  // a person's reply from the messaging app
  const char* accepted;      // what the Graph API answers a send
};

const MetaChannel kMeta[] = {
    {core::Channel::kWhatsapp, "106540352242922", "whatsapp/in_text.json",
     "whatsapp/smb_echo_text.json",
     R"({"messaging_product":"whatsapp","messages":[{"id":"wamid.out{n}"}]})"},
    {core::Channel::kMessenger, "109876543210987", "messenger/in_text.json",
     "messenger/echo_page_inbox.json", R"({"recipient_id":"1","message_id":"m_out{n}"})"},
    {core::Channel::kInstagram, "17841400123456789", "instagram/in_text.json",
     "instagram/echo_human.json", R"({"recipient_id":"1","message_id":"ig_out{n}"})"},
};

const MetaChannel& Meta(core::Channel channel) {
  for (const MetaChannel& m : kMeta) {
    if (m.channel == channel) return m;
  }
  ADD_FAILURE() << "not a Meta channel: " << core::ToString(channel);
  return kMeta[0];
}

std::int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The fixture of `m` sent now, `customer` on the customer's side, saying `text` under `id`.
json Webhook(const MetaChannel& m, bool echo, const std::string& customer, const std::string& text,
             const std::string& id) {
  json body = json::parse(testing_support::ReadFixture(echo ? m.echo_fixture : m.text_fixture));
  const std::int64_t now = NowMillis();
  if (m.channel == core::Channel::kWhatsapp) {
    json& value = body["entry"][0]["changes"][0]["value"];
    json& message = value[echo ? "message_echoes" : "messages"][0];
    if (echo) {
      message["to"] = customer;
    } else {
      message["from"] = customer;
      value["contacts"][0]["wa_id"] = customer;
    }
    message["id"] = "wamid." + id;
    message["timestamp"] = std::to_string(now / 1000);
    message["text"]["body"] = text;
    return body;
  }
  body["entry"][0]["time"] = now;
  json& item = body["entry"][0]["messaging"][0];
  item[echo ? "recipient" : "sender"]["id"] = customer;
  item["timestamp"] = now;
  item["message"]["mid"] = (m.channel == core::Channel::kMessenger ? "m_" : "aWdf") + id;
  item["message"]["text"] = text;
  item["message"].erase("quick_reply");
  return body;
}

// The text a Graph API send carries (WhatsApp's text.body, Messenger's and Instagram's
// message.text).
std::string SentText(const json& body) {
  if (body.contains("text")) return body["text"].value("body", "");
  if (body.contains("message")) return body["message"].value("text", "");
  return "";
}

std::string Recipient(const json& body) {
  if (body.contains("to")) return body["to"].get<std::string>();
  if (body.contains("recipient")) return body["recipient"].value("id", "");
  return "";
}

}  // namespace

testing_support::LlmAnswer Answers(const json& turn) {
  return testing_support::ContentAnswer(turn.dump());
}

bool LlmServer::Start(const std::map<std::string, std::string>& env) {
  if (!model_.started() || !graph_.started()) return false;
  const auto catalog = dir_ / "casa.csv";
  std::ofstream(catalog) << "name,price,currency,stock,description\n"
                            "Stoneware mug,14.90,USD,48,Hand-glazed stoneware mug of 350 ml\n"
                            "Linen napkins,24.00,USD,32,Stonewashed linen napkins\n";
  std::ostringstream casa;
  casa << "[agent]\nname = \"Lia\"\ngreeting = \"" << kGreeting
       << "\"\nworkflow = \"handoff_to_human\"\nbrain = \"llm\"\nhandoff_message = \""
       << kHandoffMessage << "\"\n"
       << "[context]\ntext = \"Opening hours: " << kOpeningHours << ".\"\n"
       << "[catalog]\ncsv = \"" << catalog.string() << "\"\n";
  for (const MetaChannel& m : kMeta) {
    casa << "[[channels]]\ntype = \"" << core::ToString(m.channel) << "\"\naccount_id = \""
         << m.account_id << "\"\naccess_token = \"" << kAccessToken << "\"\napp_secret = \""
         << kAppSecret << "\"\napp_id = \"" << kAppId << "\"\nverify_token = \"verify-me\"\n";
  }
  CrmServerOptions options;
  options.env = {{"FRONTDESK_LLM_BASE_URL", model_.base_url()},
                 {"FRONTDESK_LLM_MODEL", "fake-model"},
                 {"FRONTDESK_LLM_OUTPUT", "structured"},
                 {"FRONTDESK_GRAPH_BASE_URL", "http://127.0.0.1:" + std::to_string(graph_.port())}};
  for (const auto& [name, value] : env) options.env[name] = value;
  options.capture_log = true;
  if (!crm_.Start(options) || !crm_.AddWorkspace("casa", casa.str()) ||
      !crm_.AddMember("casa", CrmServer::kOwnerEmail, "owner")) {
    return false;
  }
  owner_ = crm_.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  return !owner_.empty();
}

int LlmServer::PostSigned(core::Channel channel, const json& body) {
  const std::string text = body.dump();
  auto r = crm_.client().Post("/webhooks/" + std::string(core::ToString(channel)),
                              {{"X-Hub-Signature-256", channels::Sign(text, kAppSecret)}}, text,
                              "application/json");
  return r ? r->status : 0;
}

int LlmServer::CustomerWrites(core::Channel channel, const std::string& customer,
                              const std::string& text) {
  const std::string id = "in" + std::to_string(++next_id_);
  return PostSigned(channel, Webhook(Meta(channel), false, customer, text, id));
}

int LlmServer::OwnerEcho(core::Channel channel, const std::string& customer,
                         const std::string& text) {
  const std::string id = "echo" + std::to_string(++next_id_);
  return PostSigned(channel, Webhook(Meta(channel), true, customer, text, id));
}

json LlmServer::VisitorWrites(std::string& visitor, const std::string& text) {
  httplib::Headers headers;
  if (!visitor.empty()) headers.emplace("Cookie", visitor);
  auto sent = crm_.client().Post("/chat/casa/messages", headers, json{{"text", text}}.dump(),
                                 "application/json");
  EXPECT_TRUE(sent && sent->status == 202);
  if (sent) {
    if (const std::string set = sent->get_header_value("Set-Cookie"); !set.empty()) {
      visitor = set.substr(0, set.find(';'));
    }
  }
  crm_.WaitForReplies();
  auto page = crm_.client().Get("/chat/casa/messages", {{"Cookie", visitor}});
  return page ? json::parse(page->body, nullptr, false)["messages"] : json::array();
}

std::vector<std::string> LlmServer::SentTo(const std::string& customer) {
  std::vector<std::string> texts;
  for (const GraphRequest& r : graph_.requests()) {
    const json body = json::parse(r.body, nullptr, false);
    if (!body.is_discarded() && Recipient(body) == customer) texts.push_back(SentText(body));
  }
  return texts;
}

bool LlmServer::WaitForSent(const std::string& customer, std::size_t count) {
  return WaitFor([&] { return SentTo(customer).size() >= count; });
}

void LlmServer::AcceptSend(core::Channel channel) { graph_.Script(200, Meta(channel).accepted); }

std::optional<core::ConversationSnapshot> LlmServer::Conversation(core::Channel channel,
                                                                  const std::string& customer) {
  auto db = store::OpenDatabase(crm_.database(), {});
  if (!db.ok()) return std::nullopt;
  const auto workspace = (*db)->store().FindWorkspace("casa");
  if (!workspace.ok()) return std::nullopt;
  const std::string account = channel == core::Channel::kWeb ? "" : Meta(channel).account_id;
  auto found = (*db)->store().FindConversation({workspace->id, channel, customer, account}, 100);
  return found.ok() ? *found : std::nullopt;
}

std::string LlmServer::Describe(core::Channel channel, const std::string& customer) {
  const auto snapshot = Conversation(channel, customer);
  if (!snapshot) return "no conversation\n";
  std::string out;
  for (const core::Message& m : snapshot->history) {
    out += std::string(core::ToString(m.author)) + ": " + m.text + "\n";
  }
  return out;
}

double LlmServer::Metric(const std::string& series) {
  auto r = crm_.client().Get("/metrics");
  if (!r) return -1;
  const std::string line = "\n" + series + " ";
  const auto at = r->body.find(line);
  if (at == std::string::npos) return 0;
  return std::stod(r->body.substr(at + line.size()));
}

Answer LlmServer::Api(const std::string& method, const std::string& rest, const json& body) {
  httplib::Request request;
  request.method = method;
  request.path = "/api/v1/workspaces/casa" + rest;
  request.headers = owner_;
  if (method != "GET") {
    request.body = body.dump();
    request.set_header("Content-Type", "application/json");
  }
  httplib::Result result = crm_.client().send(request);
  if (!result) return {};
  return {result->status, json::parse(result->body, nullptr, false), result->body};
}

Answer LlmServer::TakeControl(std::int64_t id) {
  return Api("POST", "/conversations/" + std::to_string(id) + "/take-control");
}

Answer LlmServer::ReplyFromCrm(std::int64_t id, const std::string& text) {
  return Api("POST", "/conversations/" + std::to_string(id) + "/messages", json{{"text", text}});
}

}  // namespace e2e
