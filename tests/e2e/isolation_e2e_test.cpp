// No workspace sees another's data, over every endpoint: the owner of "shop" calls each route the
// server has (listed from its own /metrics, where every route pattern has a latency series) with
// the workspace "other" and the ids of other's objects, then with shop's slug and other's ids.
// Every answer must be 403 or 404 and carry none of other's data, and other's objects must be as
// they were. A route with a path parameter this test does not know fails it: teach it the new
// parameter rather than leave a route unchecked.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "e2e/crm_server.h"

namespace e2e {
namespace {

using nlohmann::json;

constexpr const char* kOtherOwner = "olga@other.example";
constexpr const char* kSecretText = "my passport number is X1234567";

// The route patterns the server registered, from its metrics.
std::set<std::string> Routes(httplib::Client& client) {
  std::set<std::string> routes;
  auto metrics = client.Get("/metrics");
  if (!metrics || metrics->status != 200) return routes;
  const std::regex label(R"re(route="([^"]+)")re");
  for (auto it = std::sregex_iterator(metrics->body.begin(), metrics->body.end(), label);
       it != std::sregex_iterator(); ++it) {
    routes.insert((*it)[1]);
  }
  return routes;
}

class IsolationE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crm_.Start());
    ASSERT_TRUE(crm_.AddWorkspace("other"));
    ASSERT_TRUE(crm_.AddMember("other", kOtherOwner, "owner"));
    shop_ = crm_.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
    olga_ = crm_.SignIn(kOtherOwner, CrmServer::kOwnerPassword);
    ASSERT_FALSE(shop_.empty());
    ASSERT_FALSE(olga_.empty());
    MakeOthersObjects();
  }

  json Call(const httplib::Headers& as, const std::string& method, const std::string& path,
            int expected) {
    httplib::Request request;
    request.method = method;
    request.path = path;
    request.headers = as;
    if (method != "GET") {
      request.body = "{}";
      request.set_header("Content-Type", "application/json");
    }
    auto r = crm_.client().send(request);
    EXPECT_TRUE(r && r->status == expected)
        << method << " " << path << ": " << (r ? std::to_string(r->status) + " " + r->body : "");
    return r ? json::parse(r->body, nullptr, false) : json();
  }

  json Post(const httplib::Headers& as, const std::string& path, const json& body) {
    auto r = crm_.client().Post(path, as, body.dump(), "application/json");
    EXPECT_TRUE(r && r->status / 100 == 2) << path << ": " << (r ? r->body : "no answer");
    return r ? json::parse(r->body, nullptr, false) : json();
  }

  // A customer of other's who was handed off, a webhook, an API token: one object of each kind.
  void MakeOthersObjects() {
    auto chat = crm_.client().Post(
        "/chat/other/messages",
        json{{"text", std::string(kSecretText) + ", I want to talk to a human"}}.dump(),
        "application/json");
    ASSERT_EQ(chat->status, 202);
    crm_.WaitForReplies();  // the handoff and its notification
    const json list = Call(olga_, "GET", "/api/v1/workspaces/other/conversations", 200);
    ASSERT_EQ(list["conversations"].size(), 1u);
    const json& conversation = list["conversations"][0];
    ids_["conversation"] = std::to_string(conversation["id"].get<std::int64_t>());
    ids_["lead"] = std::to_string(conversation["contact"]["id"].get<std::int64_t>());
    const json notes = Call(olga_, "GET", "/api/v1/workspaces/other/notifications", 200);
    ASSERT_FALSE(notes["notifications"].empty());
    ids_["notification"] = std::to_string(notes["notifications"][0]["id"].get<std::int64_t>());
    const json hook =
        Post(olga_, "/api/v1/workspaces/other/webhooks",
             {{"url", "https://other.example/hook"}, {"secret", "other's secret 123"}});
    ids_["webhook"] = std::to_string(hook["id"].get<std::int64_t>());
    const json members = Call(olga_, "GET", "/api/v1/workspaces/other/members", 200);
    ids_["user"] = std::to_string(members["members"][0]["user_id"].get<std::int64_t>());
    const json token = Post(olga_, "/api/v1/tokens", {{"name", "olga's script"}});
    ids_["token"] = std::to_string(token["id"].get<std::int64_t>());
  }

  // The value for a path parameter of `pattern`, or "" when this test does not know it.
  std::string Fill(const std::string& pattern, const std::string& param,
                   const std::string& workspace) {
    if (param == "workspace") return workspace;
    if (param == "user_id") return ids_["user"];
    if (param == "webhook_id") return ids_["webhook"];
    if (param == "channel") return "whatsapp";
    if (param == "attachment") return "1";  // other's conversation has no file: not shop's
    if (param == "answer_id") return "1";   // other's lead has no answer: any id is not shop's
    if (param == "test") return "5f1c0e2a9b3d4c71";  // a model test: this server has no model
    if (param != "id") return "";
    for (const char* kind : {"conversation", "lead", "notification", "token"}) {
      if (pattern.find(std::string("/") + kind + "s/{id}") != std::string::npos) return ids_[kind];
    }
    return "";
  }

  // `pattern` with its parameters filled; false when one is unknown.
  bool Path(const std::string& pattern, const std::string& workspace, std::string& path) {
    path.clear();
    std::size_t at = 0;
    while (at < pattern.size()) {
      const std::size_t open = pattern.find('{', at);
      if (open == std::string::npos) {
        path += pattern.substr(at);
        break;
      }
      const std::size_t close = pattern.find('}', open);
      const std::string value =
          Fill(pattern, pattern.substr(open + 1, close - open - 1), workspace);
      if (value.empty()) return false;
      path += pattern.substr(at, open - at) + value;
      at = close + 1;
    }
    return true;
  }

  // A body the route of `pattern` would accept, so that what answers is the authorization and
  // the lookup of the ids, not the validation of the body.
  static std::string Body(const std::string& method, const std::string& pattern) {
    if (pattern.ends_with("/messages") || pattern.ends_with("/notes")) {
      return R"({"text": "hello"})";
    }
    if (pattern.ends_with("/answers/{answer_id}")) return R"({"answer": "500 EUR"})";
    if (method == "PATCH" && pattern.ends_with("/conversations/{id}")) {
      return R"({"folder": "solved"})";
    }
    if (method == "PATCH" && pattern.ends_with("/leads/{id}")) return R"({"name": "Someone"})";
    return "{}";
  }

  // Calls every method of `path` as shop's owner: each routed one must refuse, telling nothing.
  int Probe(const std::string& pattern, const std::string& path) {
    int refused = 0;
    for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
      httplib::Request request;
      request.method = method;
      request.path = path;
      request.headers = shop_;
      if (std::string(method) != "GET") {
        request.body = Body(method, pattern);
        request.set_header("Content-Type", "application/json");
      }
      auto r = crm_.client().send(request);
      if (!r) {
        ADD_FAILURE() << method << " " << path << ": no answer";
        continue;
      }
      if (r->status == 405) continue;  // not a route of this method
      EXPECT_TRUE(r->status == 403 || r->status == 404)
          << method << " " << path << ": " << r->status << " " << r->body;
      EXPECT_EQ(r->body.find("passport"), std::string::npos) << method << " " << path;
      EXPECT_EQ(r->body.find("olga"), std::string::npos) << method << " " << path;
      EXPECT_EQ(r->body.find("other.example"), std::string::npos) << method << " " << path;
      ++refused;
    }
    return refused;
  }

  // What other's owner reads on every GET route of other (and her tokens): it must not change.
  std::map<std::string, std::string> OthersView(const std::set<std::string>& routes) {
    std::map<std::string, std::string> view;
    std::vector<std::string> paths = {"/api/v1/tokens"};
    for (const std::string& pattern : routes) {
      std::string path;
      if (pattern.starts_with("/api/v1/workspaces/{workspace}") && !pattern.ends_with("/events") &&
          Path(pattern, "other", path)) {
        paths.push_back(path);
      }
    }
    for (const std::string& path : paths) {
      auto r = crm_.client().Get(path, olga_);
      if (r && r->status != 405) view[path] = std::to_string(r->status) + " " + r->body;
    }
    return view;
  }

  CrmServer crm_;
  httplib::Headers shop_;
  httplib::Headers olga_;
  std::map<std::string, std::string> ids_;
};

TEST_F(IsolationE2eTest, EveryEndpointRefusesAnotherWorkspaceAndItsObjects) {
  crm_.client().set_read_timeout(5, 0);  // a stream wrongly accepted must not hang the test
  const std::set<std::string> routes = Routes(crm_.client());
  const std::map<std::string, std::string> before = OthersView(routes);
  int checked = 0;
  for (const std::string& pattern : routes) {
    if (!pattern.starts_with("/api/v1/") || pattern.find('{') == std::string::npos) continue;
    SCOPED_TRACE(pattern);
    std::string path;
    ASSERT_TRUE(Path(pattern, "other", path)) << "unknown path parameter in " << pattern;
    checked += Probe(pattern, path);
    // Shop's own slug with other's object ids.
    if (pattern.starts_with("/api/v1/workspaces/{workspace}/") &&
        pattern.find('{', std::string("/api/v1/workspaces/{workspace}/").size()) !=
            std::string::npos &&
        pattern.find("{channel}") == std::string::npos) {
      ASSERT_TRUE(Path(pattern, "shop", path));
      checked += Probe(pattern, path);
    }
  }
  // Every group of endpoints took part (the list comes from the server itself).
  EXPECT_GE(checked, 40) << "routes seen: " << routes.size();

  // Nothing of other's changed: every read of hers answers as before.
  EXPECT_GE(before.size(), 10u);
  EXPECT_EQ(OthersView(routes), before);
  const json list = Call(olga_, "GET", "/api/v1/workspaces/other/conversations", 200);
  ASSERT_EQ(list["conversations"].size(), 1u);
  EXPECT_EQ(list["conversations"][0]["folder"], "open");
  EXPECT_EQ(list["conversations"][0]["mode"], "manual");
  const json hooks = Call(olga_, "GET", "/api/v1/workspaces/other/webhooks", 200);
  EXPECT_EQ(hooks["webhooks"].size(), 1u);
  const json members = Call(olga_, "GET", "/api/v1/workspaces/other/members", 200);
  EXPECT_EQ(members["members"].size(), 1u);
  const json tokens = Call(olga_, "GET", "/api/v1/tokens", 200);
  EXPECT_EQ(tokens["tokens"].size(), 1u);
  const json notes = Call(olga_, "GET", "/api/v1/workspaces/other/notifications", 200);
  EXPECT_EQ(notes["unread"], 1);
}

}  // namespace
}  // namespace e2e
