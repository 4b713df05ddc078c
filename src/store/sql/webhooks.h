// The core::Webhooks adapter both backends share: the URLs owners register, and the deliveries
// owed to them, which Commit queues (QueueWebhookDeliveries, on the committing connection).
// `Backend` is sqlite::DatabaseFile or postgres::Pool (instantiated for both in the .cpp).
//
// A claim is one UPDATE that moves each due delivery's next attempt to the end of the lease and
// returns it, and whose WHERE says "due" again: on PostgreSQL an instance whose claim waited on
// another's sees the row moved on and skips it, so no delivery is claimed twice.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>

#include "core/decision.h"
#include "core/webhook.h"

namespace store::sql {

template <typename Backend>
class Webhooks final : public core::Webhooks {
 public:
  // `backend` is borrowed and must outlive the adapter.
  explicit Webhooks(Backend& backend) : backend_(backend) {}

  base::Result<core::Webhook> CreateWebhook(std::int64_t workspace_id, const std::string& url,
                                            const std::string& secret, base::TimePoint at) override;
  base::Result<std::vector<core::Webhook>> ListWebhooks(std::int64_t workspace_id) override;
  base::Status DeleteWebhook(std::int64_t workspace_id, std::int64_t webhook_id) override;
  base::Result<std::vector<core::WebhookDelivery>> ClaimWebhookDeliveries(
      base::TimePoint now, std::size_t limit, base::TimePoint lease_until) override;
  base::Status FinishWebhookDelivery(std::int64_t delivery_id) override;
  base::Status FailWebhookDelivery(std::int64_t delivery_id,
                                   std::optional<base::TimePoint> next_attempt,
                                   const std::string& error) override;

 private:
  Backend& backend_;
};

// Queues, for every webhook of the workspace, a message.created delivery per message of
// `decision` and a handoff or lead.qualified delivery per notification (the ids are the stored
// ones), due at once. On the caller's connection and transaction (either backend's).
base::Status QueueWebhookDeliveries(auto& db, std::int64_t workspace_id,
                                    const core::Decision& decision);

}  // namespace store::sql
