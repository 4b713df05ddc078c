#include "api/callback_routes.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "channels/handshake.h"
#include "channels/signature.h"

namespace api {
namespace {

constexpr core::Channel kMetaChannels[] = {core::Channel::kWhatsapp, core::Channel::kMessenger,
                                           core::Channel::kInstagram};
constexpr int kOk = 200;
constexpr int kForbidden = 403;
constexpr int kUnauthorized = 401;
constexpr int kUnavailable = 503;
constexpr std::string_view kSignatureHeader = "X-Hub-Signature-256";

constexpr auto kSecretsReloadInterval = std::chrono::seconds{1};

// The app secrets of one channel's accounts, read from the store when they fail to match.
class SecretCache {
 public:
  SecretCache(core::ChannelAccounts& accounts, core::Channel channel)
      : accounts_(accounts), channel_(channel) {}

  // Ok(true) when `signature` signs `body` with one of the secrets.
  base::Result<bool> Verify(std::string_view body, std::string_view signature) {
    if (Matches(body, signature)) return true;
    {
      std::lock_guard lock(mutex_);
      const auto now = std::chrono::steady_clock::now();
      if (loaded_ && now - loaded_at_ < kSecretsReloadInterval) return false;
      auto accounts = accounts_.ListChannelAccounts(channel_);
      if (!accounts.ok()) return accounts.error();
      secrets_.clear();
      for (const core::ChannelAccount& a : *accounts) {
        if (!a.app_secret.empty()) secrets_.push_back(a.app_secret);
      }
      loaded_ = true;
      loaded_at_ = now;
    }
    return Matches(body, signature);
  }

 private:
  bool Matches(std::string_view body, std::string_view signature) {
    std::lock_guard lock(mutex_);
    for (const std::string& secret : secrets_) {
      if (channels::VerifySignature(body, signature, secret)) return true;
    }
    return false;
  }

  core::ChannelAccounts& accounts_;
  const core::Channel channel_;
  std::mutex mutex_;
  std::vector<std::string> secrets_;  // guarded by mutex_
  bool loaded_ = false;
  std::chrono::steady_clock::time_point loaded_at_;
};

// Metrics of one channel's endpoint, looked up once.
struct ChannelMetrics {
  base::Counter& received;
  base::Counter& bad_signature;
  base::Counter& store_failed;
};

http::Response Handshake(const CallbackRouteDeps& deps, core::Channel channel,
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

http::Response Callback(const CallbackRouteDeps& deps, core::Channel channel, SecretCache& secrets,
                        ChannelMetrics& m, const http::Request& request) {
  const std::string signature = request.Header(kSignatureHeader).value_or("");
  auto signed_by_us = secrets.Verify(request.body, signature);
  if (!signed_by_us.ok()) {
    m.store_failed.Increment();
    return http::Response::Text(kUnavailable, "try again");
  }
  if (!*signed_by_us) {
    m.bad_signature.Increment();
    return http::Response::Text(kUnauthorized, "bad signature");
  }
  if (!deps.callbacks.AppendCallback(channel, request.body, deps.clock.Now()).ok()) {
    m.store_failed.Increment();
    return http::Response::Text(kUnavailable, "try again");
  }
  m.received.Increment();
  if (deps.stored) deps.stored();
  return http::Response::Text(kOk, "EVENT_RECEIVED");
}

}  // namespace

void AddCallbackRoutes(http::Router& router, CallbackRouteDeps deps) {
  auto shared = std::make_shared<const CallbackRouteDeps>(std::move(deps));
  auto& received = shared->metrics.AddCounterFamily(
      "callbacks_received_total", "Meta's callbacks stored in the callback queue.", {"channel"});
  auto& rejected = shared->metrics.AddCounterFamily(
      "callbacks_rejected_total", "Meta's callbacks refused.", {"channel", "reason"});
  for (core::Channel channel : kMetaChannels) {
    const std::string name(core::ToString(channel));
    auto m = std::make_shared<ChannelMetrics>(
        ChannelMetrics{received.WithLabels({name}), rejected.WithLabels({name, "signature"}),
                       rejected.WithLabels({name, "store"})});
    auto secrets = std::make_shared<SecretCache>(shared->accounts, channel);
    const std::string path = "/webhooks/" + name;
    router.Get(path, [shared, channel](const http::Request& request) {
      return Handshake(*shared, channel, request);
    });
    router.Post(path, [shared, channel, secrets, m](const http::Request& request) {
      return Callback(*shared, channel, *secrets, *m, request);
    });
  }
}

}  // namespace api
