// The core::Outbox adapter both backends share: the messages waiting to go out through their
// channel (rows the decision writer adds), and the delivery state of our sends. How items are
// claimed and recovered is each backend's (ClaimOutbox and RecoverOutbox are specialized in
// sqlite/outbox_claims.cpp and postgres/outbox_claims.cpp):
//   - SQLite, one instance: a claim leases due items; RecoverOutbox at start gives back every
//     claimed item and fails every item that was being sent.
//   - PostgreSQL, several instances: a claim locks due items (FOR UPDATE SKIP LOCKED, so
//     instances claim different items without waiting) and leases them in the instance's name;
//     an item whose lease ended is due again, and one that was being sent when its lease ended
//     (its instance died: the lease outlasts a send's deadline) fails as possibly delivered.
//     RecoverOutbox does for this instance's items (by its name: DatabaseOptions::instance) what
//     SQLite's does for all; other instances' items stay theirs.
// `Backend` is sqlite::DatabaseFile or postgres::Pool (instantiated for both in the .cpp).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include "core/outbox.h"
#include "store/enum_name.h"

namespace store::sqlite {
class DatabaseFile;
}
namespace store::postgres {
class Pool;
}

namespace store::sql {

template <typename Backend>
class Outbox final : public core::Outbox {
 public:
  // `backend` is borrowed and must outlive the adapter.
  explicit Outbox(Backend& backend) : backend_(backend) {}

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
  Backend& backend_;
};

template <>
base::Result<std::vector<core::OutboxItem>> Outbox<sqlite::DatabaseFile>::ClaimOutbox(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until);
template <>
base::Result<int> Outbox<sqlite::DatabaseFile>::RecoverOutbox();
template <>
base::Result<std::vector<core::OutboxItem>> Outbox<postgres::Pool>::ClaimOutbox(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until);
template <>
base::Result<int> Outbox<postgres::Pool>::RecoverOutbox();

// What a message whose send's outcome is unknown fails with.
inline constexpr const char* kUnknownOutcome =
    "the server stopped while sending it: it may or may not have reached the customer";

// The columns ReadOutboxItem reads, FROM outbox o JOIN messages m JOIN conversations c.
#define FRONTDESK_OUTBOX_ITEM_COLUMNS                                               \
  "o.id, o.workspace_id, o.conversation_id, o.message_id, o.channel, o.account_id," \
  " o.recipient, m.author, m.text, m.epoch, o.attempts, c.epoch,"                   \
  " (SELECT MAX(at_ms) FROM messages WHERE conversation_id = o.conversation_id"     \
  "  AND author = 'customer'), m.at_ms"                                             \
  " FROM outbox o JOIN messages m ON m.id = o.message_id"                           \
  " JOIN conversations c ON c.id = o.conversation_id"

// An item from a row of FRONTDESK_OUTBOX_ITEM_COLUMNS.
base::Result<core::OutboxItem> ReadOutboxItem(const auto& q) {
  base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(q, 4, "channel");
  if (!channel.ok()) return channel.error();
  base::Result<core::Author> author = EnumColumn<core::ParseAuthor>(q, 7, "author");
  if (!author.ok()) return author.error();
  core::OutboxItem item;
  item.id = q.Int64(0);
  item.workspace_id = q.Int64(1);
  item.conversation_id = q.Int64(2);
  item.message_id = q.Int64(3);
  item.channel = *channel;
  item.account_id = q.Text(5);
  item.recipient = q.Text(6);
  item.author = *author;
  item.text = q.Text(8);
  item.epoch = q.Int64(9);
  item.attempts = static_cast<int>(q.Int64(10));
  item.conversation_epoch = q.Int64(11);
  item.last_customer_at = q.OptionalTime(12);
  item.queued_at = q.Time(13);
  return item;
}

}  // namespace store::sql
