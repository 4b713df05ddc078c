// Outgoing webhooks and the deliveries owed to them. Every function expects its caller to
// serialize access to `db`; all but QueueWebhookDeliveries implement the core::Webhooks method
// of the same name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/decision.h"
#include "core/webhook.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<core::Webhook> CreateWebhook(Connection& db, std::int64_t workspace_id,
                                          const std::string& url, const std::string& secret,
                                          base::TimePoint at);
base::Result<std::vector<core::Webhook>> ListWebhooks(Connection& db, std::int64_t workspace_id);
base::Status DeleteWebhook(Connection& db, std::int64_t workspace_id, std::int64_t webhook_id);
base::Result<std::vector<core::WebhookDelivery>> ClaimWebhookDeliveries(
    Connection& db, base::TimePoint now, std::size_t limit, base::TimePoint lease_until);
base::Status FinishWebhookDelivery(Connection& db, std::int64_t delivery_id);
base::Status FailWebhookDelivery(Connection& db, std::int64_t delivery_id,
                                 std::optional<base::TimePoint> next_attempt,
                                 const std::string& error);

// Queues, for every webhook of the workspace, a message.created delivery per message of
// `decision` and a handoff or lead.qualified delivery per notification, due at once.
// REQUIRES: inside the write transaction that stored the decision (ids assigned).
base::Status QueueWebhookDeliveries(Connection& db, std::int64_t workspace_id,
                                    const core::Decision& decision);

}  // namespace store::sqlite
