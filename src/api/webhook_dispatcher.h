// Delivers what outgoing webhooks are owed (core::Webhooks): each due delivery is POSTed as JSON
// to its webhook's URL, signed (webhook_signature.h), with a deadline. A 2xx answer finishes it;
// anything else (another status, no answer, a timeout) is retried with growing delays until
// max_attempts have failed, then given up and kept with its last error.
//
// The body:
//   {"id": 42, "event": "handoff", "created_at": "2026-11-20T09:30:00.000Z",
//    "conversation_id": 7, "data": {...}}
// where data is {"message": MESSAGE} for message.created and {"notification": NOTIFICATION} for
// handoff and lead.qualified (the shapes of the REST API). Headers: Content-Type
// application/json, X-Frontdesk-Event, X-Frontdesk-Delivery (the id: a retry repeats it, and so
// may a delivery interrupted by a restart, so receivers deduplicate by it) and
// X-Frontdesk-Signature.
//
// Each failed attempt is logged: "webhooks: delivery 42 of webhook 3 failed (attempt 1 of 8,
// retried later): POST https://crm.example: Couldn't connect to server". The error names the
// receiver's scheme, host and port only (http::Client), never its path, query or user info, the
// secret or the body.
//
// Thread-safety: DeliverDue may be called from one thread at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "core/webhook.h"
#include "http/client.h"

namespace api {

struct WebhookSettings {
  std::size_t batch = 16;                             // deliveries claimed at once
  base::Duration timeout = std::chrono::seconds{10};  // per POST
  int max_attempts = 8;                               // over about 7 hours (Backoff)
};

class WebhookDispatcher {
 public:
  using Log = std::function<void(std::string_view)>;
  // The references must outlive the dispatcher. `log` (may be empty) is called on DeliverDue's
  // thread.
  WebhookDispatcher(core::Webhooks& webhooks, const http::Client& client, const base::Clock& clock,
                    WebhookSettings settings = {}, Log log = {});

  // Attempts every delivery due now, one batch after another, until none is due. Returns how many
  // were attempted; a store error stops the pass (what was claimed comes back after its lease).
  base::Result<std::size_t> DeliverDue();

  // The delay before the next attempt after `failed` failed attempts (1, 2, ...): 30 s, 2 min,
  // 8 min, 32 min, then every 2 hours.
  static base::Duration Backoff(int failed);

  // The JSON body of `delivery`.
  static std::string Body(const core::WebhookDelivery& delivery);

 private:
  // Posts one delivery and records the outcome.
  base::Status Deliver(const core::WebhookDelivery& delivery);

  core::Webhooks& webhooks_;
  const http::Client& client_;
  const base::Clock& clock_;
  const WebhookSettings settings_;
  const Log log_;
};

}  // namespace api
