// Outgoing webhooks: a workspace registers URLs that are told, with signed HTTP POSTs, of its
// handoffs, qualified leads and new messages; and the Webhooks port that keeps them and the
// deliveries still owed to them.
//
// A delivery is queued by core::Store::Commit in the transaction that stores what it announces
// (nothing committed goes unannounced, even across a crash) and leaves the queue once the
// receiver accepted it or the attempts ran out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/enums.h"
#include "core/message.h"
#include "core/notification.h"

namespace core {

constexpr std::size_t kMaxWebhooksPerWorkspace = 10;

struct Webhook {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  std::string url;     // http:// or https://
  std::string secret;  // signs every delivery; never returned by the API
  base::TimePoint created_at;
};

// A delivery owed to a webhook, with what it announces: the message (kMessageCreated) or the
// notification (kHandoff, kLeadQualified), as it is stored now.
struct WebhookDelivery {
  std::int64_t id = 0;  // also the receiver's idempotency key: a retry repeats it
  std::int64_t workspace_id = 0;
  std::int64_t webhook_id = 0;
  std::string url;
  std::string secret;
  WebhookEvent event = WebhookEvent::kMessageCreated;
  int attempts = 0;  // made before this one
  base::TimePoint created_at;
  std::int64_t conversation_id = 0;
  std::optional<Message> message;
  std::optional<Notification> notification;
};

// Thread-safety: every method may be called from any thread. Errors as in core::Store.
class Webhooks {
 public:
  virtual ~Webhooks() = default;

  // kResourceExhausted when the workspace has kMaxWebhooksPerWorkspace already; kNotFound for an
  // unknown workspace. The caller validated url and secret.
  virtual base::Result<Webhook> CreateWebhook(std::int64_t workspace_id, const std::string& url,
                                              const std::string& secret, base::TimePoint at) = 0;
  // Oldest first.
  virtual base::Result<std::vector<Webhook>> ListWebhooks(std::int64_t workspace_id) = 0;
  // Also drops the deliveries still owed to it. kNotFound when not the workspace's.
  virtual base::Status DeleteWebhook(std::int64_t workspace_id, std::int64_t webhook_id) = 0;

  // Up to `limit` deliveries due at `now`, oldest first, each leased until `lease_until`: a
  // delivery neither finished nor retried by then (the process stopped) is claimed again, so a
  // receiver may see one twice and must deduplicate by its id.
  virtual base::Result<std::vector<WebhookDelivery>> ClaimWebhookDeliveries(
      base::TimePoint now, std::size_t limit, base::TimePoint lease_until) = 0;
  // The receiver accepted it: it leaves the queue.
  virtual base::Status FinishWebhookDelivery(std::int64_t delivery_id) = 0;
  // It failed (`error` says how): tried again at `next_attempt`, or, when nullopt, given up
  // (kept, with the error, for the operator).
  virtual base::Status FailWebhookDelivery(std::int64_t delivery_id,
                                           std::optional<base::TimePoint> next_attempt,
                                           const std::string& error) = 0;
};

}  // namespace core
