#include "store/sqlite/outbox_repository.h"

#include <algorithm>
#include <limits>

#include "store/enum_name.h"
#include "store/sql/statements.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kSelectDue =
    "SELECT o.id, o.workspace_id, o.conversation_id, o.message_id, o.channel, o.account_id,"
    " o.recipient, m.author, m.text, m.epoch, o.attempts, c.epoch,"
    " (SELECT MAX(at_ms) FROM messages WHERE conversation_id = o.conversation_id"
    "  AND author = 'customer'), m.at_ms"
    " FROM outbox o JOIN messages m ON m.id = o.message_id"
    " JOIN conversations c ON c.id = o.conversation_id"
    " WHERE o.not_before_ms <= ?1 AND o.sending = 0"
    " AND (o.lease_until_ms IS NULL OR o.lease_until_ms <= ?1)"
    " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.conversation_id = o.conversation_id"
    "  AND p.id < o.id)"
    " ORDER BY o.not_before_ms, o.id LIMIT ?2";
constexpr std::string_view kLease = "UPDATE outbox SET lease_until_ms = ?2 WHERE id = ?1";
constexpr std::string_view kReleaseLeases =
    "UPDATE outbox SET lease_until_ms = NULL WHERE lease_until_ms IS NOT NULL AND sending = 0";
constexpr std::string_view kSelectSending = "SELECT id FROM outbox WHERE sending = 1";
constexpr std::string_view kMarkSending = "UPDATE outbox SET sending = 1 WHERE id = ?1";
constexpr const char* kUnknownOutcome =
    "the server stopped while sending it: it may or may not have reached the customer";
constexpr std::string_view kSelectMessage = "SELECT message_id FROM outbox WHERE id = ?1";
constexpr std::string_view kDeleteItem = "DELETE FROM outbox WHERE id = ?1";
constexpr std::string_view kSetSent =
    "UPDATE messages SET provider_message_id = ?2, delivery = 'sent', delivery_error = '',"
    " sent_at_ms = ?3 WHERE id = ?1";
constexpr std::string_view kRetry =
    "UPDATE outbox SET attempts = attempts + 1, not_before_ms = ?2, lease_until_ms = NULL,"
    " sending = 0 WHERE id = ?1";
constexpr std::string_view kSetError = "UPDATE messages SET delivery_error = ?2 WHERE id = ?1";
constexpr std::string_view kSetFinal =
    "UPDATE messages SET delivery = ?2, delivery_error = ?3 WHERE id = ?1";
constexpr std::string_view kSelectByProviderId =
    "SELECT m.id, m.delivery, m.delivery_error, m.conversation_id, c.workspace_id FROM messages m"
    " JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.provider_message_id = ?1 AND c.channel = ?2";
// The conversation through the account's workspace, so that every lookup is by a unique index;
// the delivery terms repeat those of the partial index messages_awaiting_receipt.
constexpr std::string_view kUpdateUpTo =
    "UPDATE messages SET delivery = ?5"
    " WHERE conversation_id IN (SELECT c.id FROM channel_accounts a"
    "  JOIN contacts k ON k.workspace_id = a.workspace_id AND k.channel = a.channel"
    "  JOIN conversations c ON c.workspace_id = a.workspace_id AND c.contact_id = k.id"
    "   AND c.channel = a.channel AND c.account_id = a.account_id"
    "  WHERE a.channel = ?1 AND a.account_id = ?2 AND k.external_id = ?3)"
    " AND delivery IN ('sent', 'delivered') AND delivery <> ?5"
    " AND provider_message_id IS NOT NULL AND sent_at_ms <= ?4"
    " RETURNING id, conversation_id, workspace_id";
constexpr std::string_view kSelectOwnSend =
    "SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.provider_message_id = ?1 AND c.channel = ?2 AND m.author IN ('ai', 'human_crm')";
constexpr std::string_view kDepth =
    "SELECT COALESCE(SUM(sending = 0 AND not_before_ms <= ?1), 0),"
    " COALESCE(SUM(sending = 0 AND not_before_ms > ?1), 0), COALESCE(SUM(sending = 1), 0)"
    " FROM outbox";
constexpr std::string_view kSelectInFlight =
    "SELECT 1 FROM outbox WHERE channel = ?1 AND account_id = ?2 AND recipient = ?3"
    " AND lease_until_ms > ?4 LIMIT 1";

// Delivery only moves forward; failed and dropped are final.
int Rank(core::DeliveryStatus s) {
  switch (s) {
    case core::DeliveryStatus::kNone:
      return 0;
    case core::DeliveryStatus::kQueued:
      return 1;
    case core::DeliveryStatus::kSent:
      return 2;
    case core::DeliveryStatus::kDelivered:
      return 3;
    case core::DeliveryStatus::kRead:
      return 4;
    case core::DeliveryStatus::kFailed:
    case core::DeliveryStatus::kDropped:
      return 5;
  }
  return 0;
}

base::Result<std::int64_t> MessageOf(Connection& db, std::int64_t item_id) {
  base::Result<Query> q = db.Prepare(kSelectMessage);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(item_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("outbox item not found");
  return q->Int64(0);
}

base::Result<core::OutboxItem> ReadItem(const Query& q) {
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

}  // namespace

base::Result<std::vector<core::OutboxItem>> Outbox::ClaimOutbox(base::TimePoint now,
                                                                std::size_t limit,
                                                                base::TimePoint lease_until) {
  auto [lock, db] = file_.Write();
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  std::vector<core::OutboxItem> items;
  {
    base::Result<Query> q = db.Prepare(kSelectDue);
    if (!q.ok()) return q.error();
    q->BindAll(now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
    while (true) {
      base::Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      base::Result<core::OutboxItem> item = ReadItem(*q);
      if (!item.ok()) return item.error();
      items.push_back(std::move(*item));
    }
  }
  for (const core::OutboxItem& item : items) {
    if (base::Status done = RunStatement(db, kLease, item.id, lease_until); !done.ok())
      return done.error();
  }
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return items;
}

base::Status Outbox::MarkSending(const std::vector<std::int64_t>& item_ids) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  for (std::int64_t id : item_ids) {
    if (base::Status done = RunStatement(db, kMarkSending, id); !done.ok()) return done;
    if (db.Changes() == 0) return base::Error::NotFound("outbox item not found");
  }
  return txn->Commit();
}

base::Status Outbox::MarkSent(const std::vector<core::SentItem>& sent) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  for (const core::SentItem& item : sent) {
    base::Result<std::int64_t> message = MessageOf(db, item.item_id);
    if (!message.ok()) return message.error();
    // Some answers name no id ({"success": true}): no id is stored rather than an empty one.
    const std::optional<std::string_view> provider_id =
        item.provider_message_id.empty()
            ? std::nullopt
            : std::optional<std::string_view>(item.provider_message_id);
    if (base::Status done = RunStatement(db, kSetSent, *message, provider_id, item.at);
        !done.ok()) {
      return done;
    }
    if (base::Status done = RunStatement(db, kDeleteItem, item.item_id); !done.ok()) return done;
  }
  return txn->Commit();
}

base::Status Outbox::RetryOutbox(std::int64_t item_id, base::TimePoint not_before,
                                 const std::string& error) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  base::Result<std::int64_t> message = MessageOf(db, item_id);
  if (!message.ok()) return message.error();
  if (base::Status done = RunStatement(db, kRetry, item_id, not_before); !done.ok()) return done;
  if (base::Status done = RunStatement(db, kSetError, *message, error); !done.ok()) return done;
  return txn->Commit();
}

base::Status Outbox::FinishUnsent(std::int64_t item_id, core::DeliveryStatus status,
                                  const std::string& reason) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  base::Result<std::int64_t> message = MessageOf(db, item_id);
  if (!message.ok()) return message.error();
  base::Status done = RunStatement(db, kSetFinal, *message, core::ToString(status), reason);
  if (!done.ok()) return done;
  if (done = RunStatement(db, kDeleteItem, item_id); !done.ok()) return done;
  return txn->Commit();
}

base::Result<int> Outbox::RecoverOutbox() {
  auto [lock, db] = file_.Write();
  std::vector<std::int64_t> ambiguous;
  {
    base::Result<Query> q = db.Prepare(kSelectSending);
    if (!q.ok()) return q.error();
    while (true) {
      base::Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      ambiguous.push_back(q->Int64(0));
    }
  }
  for (std::int64_t id : ambiguous) {
    base::Status done = FinishUnsent(id, core::DeliveryStatus::kFailed, kUnknownOutcome);
    if (!done.ok()) return done.error();
  }
  if (base::Status done = RunStatement(db, kReleaseLeases); !done.ok()) return done.error();
  return static_cast<int>(ambiguous.size());
}

base::Result<std::optional<core::DeliveryChange>> Outbox::UpdateDelivery(
    core::Channel channel, const std::string& provider_message_id, core::DeliveryStatus status,
    const std::string& error) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  core::DeliveryChange now;
  {
    base::Result<Query> q = db.Prepare(kSelectByProviderId);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(provider_message_id, core::ToString(channel)).Step();
    if (!row.ok()) return row.error();
    if (!*row) return std::optional<core::DeliveryChange>();
    base::Result<core::DeliveryStatus> stored =
        EnumColumn<core::ParseDeliveryStatus>(*q, 1, "delivery");
    if (!stored.ok()) return stored.error();
    now = {q->Int64(4), q->Int64(3), q->Int64(0), *stored, q->Text(2)};
  }
  if (Rank(status) > Rank(now.delivery)) {
    base::Status done = RunStatement(db, kSetFinal, now.message_id, core::ToString(status), error);
    if (!done.ok()) return done.error();
    now.delivery = status;
    now.error = error;
  }
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return std::optional(now);
}

base::Result<std::vector<core::DeliveryChange>> Outbox::UpdateDeliveryUpTo(
    core::Channel channel, const std::string& account_id, const std::string& recipient,
    base::TimePoint watermark, core::DeliveryStatus status) {
  auto [lock, db] = file_.Write();
  std::vector<core::DeliveryChange> moved;
  if (status != core::DeliveryStatus::kDelivered && status != core::DeliveryStatus::kRead) {
    return moved;
  }
  base::Result<Query> q = db.Prepare(kUpdateUpTo);
  if (!q.ok()) return q.error();
  q->BindAll(core::ToString(channel), account_id, recipient, watermark, core::ToString(status));
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return moved;
    moved.push_back({q->Int64(2), q->Int64(1), q->Int64(0), status, ""});
  }
}

base::Result<bool> Outbox::IsOwnSend(core::Channel channel,
                                     const std::string& provider_message_id) {
  auto [lock, db] = file_.Write();
  return Exists(db, kSelectOwnSend, provider_message_id, core::ToString(channel));
}

base::Result<bool> Outbox::HasSendInFlight(core::Channel channel, const std::string& account_id,
                                           const std::string& recipient, base::TimePoint now) {
  auto [lock, db] = file_.Write();
  return Exists(db, kSelectInFlight, core::ToString(channel), account_id, recipient, now);
}

base::Result<core::OutboxDepth> Outbox::MeasureOutbox(base::TimePoint now) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kDepth);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(now).Step();
  if (!row.ok()) return row.error();
  return core::OutboxDepth{q->Int64(0), q->Int64(1), q->Int64(2)};
}

}  // namespace store::sqlite
