// /api/v1/workspaces/{workspace}/webhooks: the owner registers the URLs told of handoffs,
// qualified leads and new messages (docs/api/webhooks.md). The secret is write-only.
#pragma once

#include "api/auth.h"
#include "base/clock.h"
#include "core/store.h"
#include "core/user.h"
#include "core/webhook.h"
#include "http/router.h"

namespace api {

inline constexpr std::size_t kMaxWebhookUrlBytes = 2000;
inline constexpr std::size_t kMinWebhookSecretBytes = 16;
inline constexpr std::size_t kMaxWebhookSecretBytes = 200;

// GET (list), POST {url, secret} (add) and DELETE /{id}: the owner only. The references must
// outlive the router.
void AddWebhookRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                      core::Webhooks& webhooks, const base::Clock& clock);

}  // namespace api
