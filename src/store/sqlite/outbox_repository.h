// The outbox of messages waiting to go out through their channel, and the delivery state of our
// sends. Rows are added by the decision writer. Every function expects its caller to serialize
// access to `db` and implements the core::Outbox method of the same name.
#pragma once

#include "core/outbox.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<std::vector<core::OutboxItem>> ClaimOutbox(Connection& db, base::TimePoint now,
                                                        std::size_t limit,
                                                        base::TimePoint lease_until);
base::Result<int> RecoverOutbox(Connection& db);
base::Status MarkSending(Connection& db, const std::vector<std::int64_t>& item_ids);
base::Status MarkSent(Connection& db, const std::vector<core::SentItem>& sent);
base::Result<core::OutboxDepth> MeasureOutbox(Connection& db, base::TimePoint now);
base::Status RetryOutbox(Connection& db, std::int64_t item_id, base::TimePoint not_before,
                         const std::string& error);
base::Status FinishUnsent(Connection& db, std::int64_t item_id, core::DeliveryStatus status,
                          const std::string& reason);
base::Result<std::optional<core::DeliveryChange>> UpdateDelivery(
    Connection& db, core::Channel channel, const std::string& provider_message_id,
    core::DeliveryStatus status, const std::string& error);
base::Result<std::vector<core::DeliveryChange>> UpdateDeliveryUpTo(
    Connection& db, core::Channel channel, const std::string& account_id,
    const std::string& recipient, base::TimePoint watermark, core::DeliveryStatus status);
// core::Store::HasMessage.
base::Result<bool> HasMessage(Connection& db, std::int64_t workspace_id,
                              const std::string& provider_message_id);
base::Result<bool> IsOwnSend(Connection& db, core::Channel channel,
                             const std::string& provider_message_id);
base::Result<bool> HasSendInFlight(Connection& db, core::Channel channel,
                                   const std::string& account_id, const std::string& recipient,
                                   base::TimePoint now);

}  // namespace store::sqlite
