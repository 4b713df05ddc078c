// Outgoing webhooks against the real binary: the owner registers a URL, a web chat customer asks
// for a person, and the receiver gets the handoff and the messages, signed.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/webhook_signature.h"
#include "e2e/crm_server.h"

namespace e2e {
namespace {

using nlohmann::json;
constexpr const char* kSecret = "whsec_0123456789abcdef";

// Collects the deliveries POSTed to it.
class Receiver {
 public:
  Receiver() {
    server_.Post("/events", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      received_.push_back(req);
      arrived_.notify_all();
      res.status = 204;
    });
    server_.set_keep_alive_max_count(1);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/events"; }

  // The first delivery of `event`; nullopt when none came (the deadline guards against a hang:
  // the server delivers at once).
  std::optional<httplib::Request> WaitFor(const std::string& event) {
    std::unique_lock lock(mutex_);
    std::optional<httplib::Request> found;
    arrived_.wait_for(lock, std::chrono::seconds(20), [&] {
      for (const httplib::Request& r : received_) {
        if (r.get_header_value("X-Frontdesk-Event") == event) found = r;
      }
      return found.has_value();
    });
    return found;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<httplib::Request> received_;
};

TEST(WebhookE2eTest, AHandoffOnTheWebChatIsDeliveredSignedToTheOwnersUrl) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  Receiver receiver;
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
