// The Meta webhook endpoints: GET (verification handshake) and POST (deliveries) on
// /webhooks/whatsapp, /webhooks/messenger and /webhooks/instagram.
//
// A POST is checked against the app secrets of the channel's accounts (X-Hub-Signature-256 over
// the raw bytes, constant time): no match is 401 and nothing is stored. The secrets are kept in
// memory and read again from the store when a signature matches none of them (at most once a
// second, so forged requests cannot load the database), so a new account works at once. A good one
// is appended to the durable inbox and only then answered 200; everything else happens later
// (runtime::Intake). A store failure is 503, so Meta delivers again.
#pragma once

#include <functional>

#include "base/clock.h"
#include "base/metrics.h"
#include "core/channel_account.h"
#include "core/inbox.h"
#include "http/router.h"

namespace app {

struct WebhookDeps {
  core::Inbox& inbox;
  core::ChannelAccounts& accounts;
  const base::Clock& clock;
  base::Metrics& metrics;
  std::function<void()> stored;  // a delivery reached the inbox: wake the intake
};

// Adds the six routes. The references in `deps` must outlive the router.
void AddWebhookRoutes(http::Router& router, WebhookDeps deps);

}  // namespace app
