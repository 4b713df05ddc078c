// The core::Webhooks of the embedded backend, on a DatabaseFile: outgoing webhooks and the
// deliveries owed to them, which Commit queues (QueueWebhookDeliveries, on the caller's
// connection). Thread-safety: the class's methods may be called from any thread.
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
#include "store/sqlite/database_file.h"

namespace store::sqlite {

// Queues, for every webhook of the workspace, a message.created delivery per message of
// `decision` and a handoff or lead.qualified delivery per notification, due at once.
// REQUIRES: inside the write transaction that stored the decision (ids assigned).
base::Status QueueWebhookDeliveries(Connection& db, std::int64_t workspace_id,
                                    const core::Decision& decision);

class Webhooks final : public core::Webhooks {
 public:
  // `file` is borrowed and must outlive the adapter.
  explicit Webhooks(DatabaseFile& file) : file_(file) {}

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
  DatabaseFile& file_;
};

}  // namespace store::sqlite
