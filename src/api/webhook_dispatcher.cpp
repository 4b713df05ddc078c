#include "api/webhook_dispatcher.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/crm_json.h"
#include "api/webhook_signature.h"

namespace api {
namespace {

using nlohmann::json;

constexpr auto kFirstDelay = std::chrono::seconds{30};
constexpr auto kLongestDelay = std::chrono::hours{2};
constexpr int kDelayGrowth = 4;
constexpr std::size_t kMaxErrorBytes = 200;

bool Accepted(int status) { return status >= 200 && status < 300; }

}  // namespace

WebhookDispatcher::WebhookDispatcher(core::Webhooks& webhooks, const http::Client& client,
                                     const base::Clock& clock, WebhookSettings settings, Log log)
    : webhooks_(webhooks),
      client_(client),
      clock_(clock),
      settings_(settings),
      log_(std::move(log)) {}

base::Duration WebhookDispatcher::Backoff(int failed) {
  base::Duration delay = kFirstDelay;
  for (int i = 1; i < failed && delay < kLongestDelay; ++i) delay *= kDelayGrowth;
  return std::min<base::Duration>(delay, kLongestDelay);
}

std::string WebhookDispatcher::Body(const core::WebhookDelivery& d) {
  json data = json::object();
  if (d.message) data["message"] = MessageJson(*d.message);
  if (d.notification) data["notification"] = NotificationJson(*d.notification);
  return json{{"id", d.id},
              {"event", core::ToString(d.event)},
              {"created_at", base::FormatTime(d.created_at)},
              {"conversation_id", d.conversation_id},
              {"data", data}}
      .dump();
}

base::Result<std::size_t> WebhookDispatcher::DeliverDue() {
  std::size_t attempted = 0;
  // A lease long enough for the whole batch to be posted one after another.
  const base::Duration lease = settings_.timeout * static_cast<int>(settings_.batch + 1);
  while (true) {
    const base::TimePoint now = clock_.Now();
    auto due = webhooks_.ClaimWebhookDeliveries(now, settings_.batch, now + lease);
    if (!due.ok()) return due.error();
    for (const core::WebhookDelivery& delivery : *due) {
      if (base::Status done = Deliver(delivery); !done.ok()) return done.error();
      ++attempted;
    }
    if (due->size() < settings_.batch) return attempted;
  }
}

base::Status WebhookDispatcher::Deliver(const core::WebhookDelivery& d) {
  const std::string body = Body(d);
  const std::int64_t unix_seconds = base::ToMillis(clock_.Now()) / 1000;
  http::ClientRequest request;
  request.method = "POST";
  request.url = d.url;
  request.headers = {
      {"Content-Type", "application/json"},
      {"User-Agent", "frontdesk-webhooks"},
      {"X-Frontdesk-Event", std::string(core::ToString(d.event))},
      {"X-Frontdesk-Delivery", std::to_string(d.id)},
      {std::string(kWebhookSignatureHeader), SignWebhook(d.secret, unix_seconds, body)}};
  request.body = body;
  request.timeout = settings_.timeout;
  auto response = client_.Send(request);
  if (response.ok() && Accepted(response->status)) return webhooks_.FinishWebhookDelivery(d.id);
  const std::string error =
      response.ok() ? "HTTP " + std::to_string(response->status) : response.error().message;
  const int failed = d.attempts + 1;
  const std::optional<base::TimePoint> next = failed >= settings_.max_attempts
                                                  ? std::nullopt
                                                  : std::optional(clock_.Now() + Backoff(failed));
  if (log_) {
    log_("webhooks: delivery " + std::to_string(d.id) + " of webhook " +
         std::to_string(d.webhook_id) + " failed (attempt " + std::to_string(failed) + " of " +
         std::to_string(settings_.max_attempts) + (next ? ", retried later): " : ", given up): ") +
         error);
  }
  return webhooks_.FailWebhookDelivery(d.id, next, error.substr(0, kMaxErrorBytes));
}

}  // namespace api
