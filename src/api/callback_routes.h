// The callback URLs Meta is given for each channel (Meta's dashboard calls the field "Callback
// URL"): GET (verification handshake) and POST (callbacks) on /webhooks/whatsapp,
// /webhooks/messenger and /webhooks/instagram (paths kept from earlier releases: installations are
// registered with Meta under them).
//
// A POST is checked against the app secrets of the channel's accounts (X-Hub-Signature-256 over
// the raw bytes, constant time): no match is 401 and nothing is stored. The secrets are kept in
// memory and read again from the store when a signature matches none of them (at most once a
// second, so forged requests cannot load the database), so a new account works at once. A good one
// is appended to the callback queue and only then answered 200; everything else happens later
// (runtime::Intake). A store failure is 503, so Meta delivers again.
#pragma once

#include <functional>

#include "base/clock.h"
#include "base/metrics.h"
#include "core/callback_queue.h"
#include "core/channel_account.h"
#include "http/router.h"

namespace api {

struct CallbackRouteDeps {
  core::CallbackQueue& callbacks;
  core::ChannelAccounts& accounts;
  const base::Clock& clock;
  base::Metrics& metrics;
  std::function<void()> stored;  // a callback reached the queue: wake the intake
};

// Adds the six routes. The references in `deps` must outlive the router.
void AddCallbackRoutes(http::Router& router, CallbackRouteDeps deps);

}  // namespace api
