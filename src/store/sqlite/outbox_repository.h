// The core::Outbox of the embedded backend, on a DatabaseFile: the messages waiting to go out
// through their channel, and the delivery state of our sends. Rows are added by the decision
// writer. Thread-safety: every method may be called from any thread.
#pragma once

#include "core/outbox.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/database_file.h"

namespace store::sqlite {

class Outbox final : public core::Outbox {
 public:
  // `file` is borrowed and must outlive the adapter.
  explicit Outbox(DatabaseFile& file) : file_(file) {}

  base::Result<std::vector<core::OutboxItem>> ClaimOutbox(base::TimePoint now, std::size_t limit,
                                                          base::TimePoint lease_until) override;
  base::Result<int> RecoverOutbox() override;
  base::Status MarkSending(const std::vector<std::int64_t>& item_ids) override;
  base::Status MarkSent(const std::vector<core::SentItem>& sent) override;
  base::Result<core::OutboxDepth> MeasureOutbox(base::TimePoint now) override;
  base::Status RetryOutbox(std::int64_t item_id, base::TimePoint not_before,
                           const std::string& error) override;
  base::Status FinishUnsent(std::int64_t item_id, core::DeliveryStatus status,
                            const std::string& reason) override;
  base::Result<std::optional<core::DeliveryChange>> UpdateDelivery(
      core::Channel channel, const std::string& provider_message_id, core::DeliveryStatus status,
      const std::string& error) override;
  base::Result<std::vector<core::DeliveryChange>> UpdateDeliveryUpTo(
      core::Channel channel, const std::string& account_id, const std::string& recipient,
      base::TimePoint watermark, core::DeliveryStatus status) override;
  base::Result<bool> IsOwnSend(core::Channel channel,
                               const std::string& provider_message_id) override;
  base::Result<bool> HasSendInFlight(core::Channel channel, const std::string& account_id,
                                     const std::string& recipient, base::TimePoint now) override;

 private:
  DatabaseFile& file_;
};

}  // namespace store::sqlite
