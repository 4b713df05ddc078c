#include "app/webhook_routes.h"

#include <memory>
#include <string>

#include "channels/handshake.h"
#include "channels/signature.h"

namespace app {
namespace {

constexpr core::Channel kMetaChannels[] = {core::Channel::kWhatsapp, core::Channel::kMessenger,
                                           core::Channel::kInstagram};
constexpr int kOk = 200;
constexpr int kForbidden = 403;
constexpr int kUnauthorized = 401;
constexpr int kUnavailable = 503;
constexpr std::string_view kSignatureHeader = "X-Hub-Signature-256";

// Metrics of one channel's endpoint, looked up once.
struct ChannelMetrics {
  base::Counter& received;
  base::Counter& bad_signature;
  base::Counter& store_failed;
};

http::Response Handshake(const WebhookDeps& deps, core::Channel channel,
                         const http::Request& request) {
  const auto handshake = channels::ParseHandshake(request.query);
  auto accounts = deps.accounts.ListChannelAccounts(channel);
  if (!handshake || !accounts.ok()) return http::Response::Text(kForbidden, "forbidden");
  for (const core::ChannelAccount& account : *accounts) {
    if (account.verify_token.empty()) continue;
    if (auto challenge = channels::AnswerHandshake(*handshake, account.verify_token)) {
      return http::Response::Text(kOk, *challenge);
    }
  }
  return http::Response::Text(kForbidden, "forbidden");
}

http::Response Delivery(const WebhookDeps& deps, core::Channel channel, ChannelMetrics& m,
                        const http::Request& request) {
  const std::string signature = request.Header(kSignatureHeader).value_or("");
  auto accounts = deps.accounts.ListChannelAccounts(channel);
  if (!accounts.ok()) {
    m.store_failed.Increment();
    return http::Response::Text(kUnavailable, "try again");
  }
  bool signed_by_us = false;
  for (const core::ChannelAccount& account : *accounts) {
    if (!account.app_secret.empty() &&
        channels::VerifySignature(request.body, signature, account.app_secret)) {
      signed_by_us = true;
      break;
    }
  }
  if (!signed_by_us) {
    m.bad_signature.Increment();
    return http::Response::Text(kUnauthorized, "bad signature");
  }
  if (!deps.inbox.AppendInbox(channel, request.body, deps.clock.Now()).ok()) {
    m.store_failed.Increment();
    return http::Response::Text(kUnavailable, "try again");
  }
  m.received.Increment();
  if (deps.stored) deps.stored();
  return http::Response::Text(kOk, "EVENT_RECEIVED");
}

}  // namespace

void AddWebhookRoutes(http::Router& router, WebhookDeps deps) {
  auto shared = std::make_shared<const WebhookDeps>(std::move(deps));
  auto& received = shared->metrics.AddCounterFamily(
      "webhooks_received_total", "Webhook deliveries stored in the inbox.", {"channel"});
  auto& rejected = shared->metrics.AddCounterFamily(
      "webhooks_rejected_total", "Webhook deliveries refused.", {"channel", "reason"});
  for (core::Channel channel : kMetaChannels) {
    const std::string name(core::ToString(channel));
    auto m = std::make_shared<ChannelMetrics>(
        ChannelMetrics{received.WithLabels({name}), rejected.WithLabels({name, "signature"}),
                       rejected.WithLabels({name, "store"})});
    const std::string path = "/webhooks/" + name;
    router.Get(path, [shared, channel](const http::Request& request) {
      return Handshake(*shared, channel, request);
    });
    router.Post(path, [shared, channel, m](const http::Request& request) {
      return Delivery(*shared, channel, *m, request);
    });
  }
}

}  // namespace app
