// Secrets never reach the server's log nor come back in an API answer. The real binary runs with
// its log captured while everything that handles a secret is exercised, failures included:
// sign-in with a right and a wrong password, an API token made and used, a WhatsApp channel
// connected through the API, its verify-token handshake, deliveries with bad signatures, sends
// the Graph API refuses (401 for the token, then 500, each echoing the token), and an outgoing
// webhook whose receiver is unreachable. The log must hold those failures, and no secret.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/signature.h"
#include "e2e/crm_server.h"
#include "e2e/fake_graph.h"
#include "testing/fixture.h"

namespace e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// Not shaped like a Meta token: only knowing the exact value keeps it out of error texts.
constexpr const char* kAccessToken = "fd-e2e-access-token-7c1d9f";
constexpr const char* kAppSecret = "fd-e2e-app-secret-52be0a";
constexpr const char* kVerifyToken = "fd-e2e-verify-token-c3a8";
constexpr const char* kWebhookSecret = "fd-e2e-webhook-secret-91f4";
constexpr const char* kWrongPassword = "fd-e2e-wrong-password-0d6e";
constexpr const char* kPhoneId = "106540352242922";  // of the WhatsApp fixture
// Unreachable (port 1), with secrets in its user info, path and query.
constexpr const char* kHookUrl =
    "http://hook-user:fd-e2e-hook-pass@127.0.0.1:1/fd-e2e-hook-path?key=fd-e2e-hook-query";

class SecretsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(graph_.started());
    ASSERT_TRUE(crm_.Start(
        {.env = {{"FRONTDESK_GRAPH_BASE_URL", "http://127.0.0.1:" + std::to_string(graph_.port())},
                 {"FRONTDESK_OUTBOX_MAX_ATTEMPTS", "1"}},
         .capture_log = true}));
  }

  // Sends a request and keeps its answer's body, which must not echo a write-only secret.
  httplib::Result Keep(httplib::Result r) {
    EXPECT_TRUE(r);
    if (r) answers_ += r->body + "\n";
    return r;
  }

  int DeliverWhatsapp(const std::string& body, const std::string& signature) {
    return Keep(crm_.client().Post("/webhooks/whatsapp", {{"X-Hub-Signature-256", signature}}, body,
                                   "application/json"))
        ->status;
  }

  // Waits until the log holds `text`.
  bool Logged(const std::string& text) {
    return WaitFor([&] { return crm_.Log().find(text) != std::string::npos; });
  }

  FakeGraph graph_;
  CrmServer crm_;
  std::string answers_;  // every answer's body
};

TEST_F(SecretsE2eTest, NoSecretReachesTheLogOrAnAnswer) {
  httplib::Client& client = crm_.client();
  const std::string login = "/api/v1/auth/login";
  const auto wrong = Keep(client.Post(
      login, json{{"email", CrmServer::kOwnerEmail}, {"password", kWrongPassword}}.dump(),
      "application/json"));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  const httplib::Headers owner = crm_.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  ASSERT_EQ(owner.size(), 2u);
  const std::string cookie = owner.find("Cookie")->second;
  const std::string session = cookie.substr(cookie.find('=') + 1);
  const std::string csrf = owner.find("X-CSRF-Token")->second;

  auto made =
      client.Post("/api/v1/tokens", owner, json{{"name", "export"}}.dump(), "application/json");
  ASSERT_EQ(made->status, 201) << made->body;
  const std::string api_token = json::parse(made->body)["token"];
  EXPECT_EQ(Keep(client.Get("/api/v1/me", {{"Authorization", "Bearer " + api_token}}))->status,
            200);
  EXPECT_EQ(
      Keep(client.Get("/api/v1/me", {{"Authorization", "Bearer " + api_token + "x"}}))->status,
      401);

  const std::string channel = "/api/v1/workspaces/shop/channels/whatsapp";
  const json connect{{"account_id", kPhoneId},
                     {"access_token", kAccessToken},
                     {"app_secret", kAppSecret},
                     {"verify_token", kVerifyToken}};
  ASSERT_EQ(Keep(client.Put(channel, owner, connect.dump(), "application/json"))->status, 200);
  json refused = connect;
  refused["app_secret"] = 42;
  refused["acess_token"] = kAccessToken;
  EXPECT_EQ(Keep(client.Put(channel, owner, refused.dump(), "application/json"))->status, 400);
  EXPECT_EQ(Keep(client.Get("/api/v1/workspaces/shop/channels", owner))->status, 200);
  const std::string handshake = "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444";
  EXPECT_EQ(Keep(client.Get(handshake + "&hub.verify_token=" + kVerifyToken))->body, "1158201444");
  EXPECT_EQ(Keep(client.Get(handshake + "&hub.verify_token=" + kAppSecret))->status, 403);

  const std::string webhooks = "/api/v1/workspaces/shop/webhooks";
  ASSERT_EQ(
      Keep(client.Post(webhooks, owner, json{{"url", kHookUrl}, {"secret", kWebhookSecret}}.dump(),
                       "application/json"))
          ->status,
      201);
  EXPECT_EQ(Keep(client.Post(webhooks, owner, json{{"url", kHookUrl}, {"secret", "short"}}.dump(),
                             "application/json"))
                ->status,
            400);
  EXPECT_EQ(Keep(client.Get(webhooks, owner))->status, 200);

  // Deliveries with bad signatures: signed with another secret, or carrying the secret itself.
  const std::string hello = testing_support::WhatsappTextNow("wamid.e2e1", "hello");
  EXPECT_EQ(DeliverWhatsapp(hello, channels::Sign(hello, "not the app secret")), 401);
  EXPECT_EQ(DeliverWhatsapp(hello, std::string("sha256=") + kAppSecret), 401);
  // Signed, for an account no workspace has: kept in the callback queue, and logged.
  std::string stranger = testing_support::WhatsappTextNow("wamid.e2e0", "who is this?");
  stranger.replace(stranger.find(kPhoneId), std::string(kPhoneId).size(), "999999999999999");
  EXPECT_EQ(DeliverWhatsapp(stranger, channels::Sign(stranger, kAppSecret)), 200);
  ASSERT_TRUE(Logged("no workspace has the whatsapp account 999999999999999")) << crm_.Log();

  // The greeting: the Graph API refuses the token, echoing it.
  graph_.Script(401, std::string(R"({"error":{"message":"Invalid OAuth access token: )") +
                         kAccessToken + R"(","type":"OAuthException","code":190}})");
  EXPECT_EQ(DeliverWhatsapp(hello, channels::Sign(hello, kAppSecret)), 200);
  ASSERT_TRUE(Logged("failed: the channel needs reconnection: Invalid OAuth access token"))
      << crm_.Log();
  EXPECT_EQ(graph_.requests().at(0).authorization, std::string("Bearer ") + kAccessToken);

  // Reconnected with the same token, a member's reply meets a server error, echoing it too.
  ASSERT_EQ(Keep(client.Put(channel, owner, json{{"access_token", kAccessToken}}.dump(),
                            "application/json"))
                ->status,
            200);
  const auto list =
      Keep(client.Get("/api/v1/workspaces/shop/conversations?channel=whatsapp", owner));
  const std::string conversation =
      "/api/v1/workspaces/shop/conversations/" +
      std::to_string(json::parse(list->body)["conversations"][0]["id"].get<std::int64_t>());
  graph_.Script(500, std::string(R"({"error":{"message":"Try again later, )") + kAccessToken +
                         R"(","code":2}})");
  EXPECT_EQ(Keep(client.Post(conversation + "/messages", owner,
                             json{{"text", "We are on it"}}.dump(), "application/json"))
                ->status,
            201);
  ASSERT_TRUE(Logged("failed: gave up after 1 attempts: Try again later")) << crm_.Log();
  EXPECT_EQ(graph_.count(), 2u);
  EXPECT_EQ(Keep(client.Get(conversation + "/messages", owner))->status, 200);

  // The outgoing webhook owed those messages cannot reach its receiver.
  ASSERT_TRUE(
      Logged("of webhook 1 failed (attempt 1 of 8, retried later): POST http://127.0.0.1:1: "))
      << crm_.Log();

  // A web chat visitor: its id is its cookie.
  auto chat =
      Keep(client.Post("/chat/shop/messages", json{{"text", "hello"}}.dump(), "application/json"));
  ASSERT_EQ(chat->status, 202);
  const std::string visitor_cookie = chat->get_header_value("Set-Cookie");
  const std::string visitor = visitor_cookie.substr(visitor_cookie.find('=') + 1, 32);
  EXPECT_EQ(Keep(client.Get("/api/v1/workspaces/shop/conversations?channel=web", owner))->status,
            200);

  const std::string log = crm_.Log();

  for (const std::string& secret :
       {std::string(kAccessToken), std::string(kAppSecret), std::string(kVerifyToken),
        std::string(kWebhookSecret), std::string(kWrongPassword),
        std::string(CrmServer::kOwnerPassword), std::string("fd-e2e-hook-pass"),
        std::string("fd-e2e-hook-path"), std::string("fd-e2e-hook-query"), session, csrf, api_token,
        visitor}) {
    EXPECT_THAT(log, Not(HasSubstr(secret))) << "the log holds a secret";
  }
  // Write-only secrets are never answered back, not even in an error or a delivery error.
  for (const char* secret :
       {kAccessToken, kAppSecret, kVerifyToken, kWebhookSecret, kWrongPassword}) {
    EXPECT_THAT(answers_, Not(HasSubstr(secret)));
  }
  EXPECT_THAT(answers_, HasSubstr("[redacted]"));  // the failed messages' errors were answered
}

}  // namespace
}  // namespace e2e
