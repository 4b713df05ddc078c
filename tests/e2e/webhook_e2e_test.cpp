// Outgoing webhooks against the real binary: the owner registers a URL, a web chat customer asks
// for a person, and the receiver gets the handoff and the messages, signed.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "api/webhook_signature.h"
#include "e2e/crm_server.h"
#include "testing/webhook_receiver.h"

namespace e2e {
namespace {

using nlohmann::json;
constexpr const char* kSecret = "whsec_0123456789abcdef";

TEST(WebhookE2eTest, AHandoffOnTheWebChatIsDeliveredSignedToTheOwnersUrl) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  testing_support::WebhookReceiver receiver;
  ASSERT_TRUE(receiver.started());
  const httplib::Headers owner = crm.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  auto added = crm.client().Post("/api/v1/workspaces/shop/webhooks", owner,
                                 json{{"url", receiver.url()}, {"secret", kSecret}}.dump(),
                                 "application/json");
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_FALSE(json::parse(added->body).contains("secret"));

  auto sent =
      crm.client().Post("/chat/shop/messages", json{{"text", "I want to talk to a human"}}.dump(),
                        "application/json");
  ASSERT_EQ(sent->status, 202) << sent->body;

  const auto handoff = receiver.WaitFor("handoff");
  ASSERT_TRUE(handoff.has_value());
  const std::string signature = handoff->get_header_value("X-Frontdesk-Signature");
  const std::int64_t t = std::stoll(signature.substr(2, signature.find(',') - 2));
  EXPECT_EQ(signature, api::SignWebhook(kSecret, t, handoff->body));
  const json body = json::parse(handoff->body);
  EXPECT_EQ(body["data"]["notification"]["reason"], "customer_request");
  EXPECT_EQ(body["data"]["notification"]["last_messages"].back(),
            "customer: I want to talk to a human");

  const auto message = receiver.WaitFor("message.created");
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(json::parse(message->body)["conversation_id"], body["conversation_id"]);
}

TEST(WebhookE2eTest, OnlyTheOwnerOfTheWorkspaceManagesItsWebhooks) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  ASSERT_TRUE(crm.AddWorkspace("other"));
  const httplib::Headers owner = crm.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  const std::string hook = json{{"url", "https://crm.example/x"}, {"secret", kSecret}}.dump();
  auto elsewhere =
      crm.client().Post("/api/v1/workspaces/other/webhooks", owner, hook, "application/json");
  EXPECT_EQ(elsewhere->status, 404);

  auto added = crm.client().Post(
      "/api/v1/workspaces/shop/members", owner,
      json{{"email", "bea@shop.example"}, {"password", "bea's own secret"}}.dump(),
      "application/json");
  ASSERT_EQ(added->status, 201);
  const httplib::Headers bea = crm.SignIn("bea@shop.example", "bea's own secret");
  auto refused =
      crm.client().Post("/api/v1/workspaces/shop/webhooks", bea, hook, "application/json");
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(crm.client().Get("/api/v1/workspaces/shop/webhooks", bea)->status, 403);

  auto weak = crm.client().Post("/api/v1/workspaces/shop/webhooks", owner,
                                json{{"url", "https://crm.example/x"}, {"secret", "short"}}.dump(),
                                "application/json");
  EXPECT_EQ(weak->status, 400);
  auto listed = crm.client().Get("/api/v1/workspaces/shop/webhooks", owner);
  EXPECT_EQ(json::parse(listed->body)["webhooks"].size(), 0u);  // nothing was added
}

}  // namespace
}  // namespace e2e
