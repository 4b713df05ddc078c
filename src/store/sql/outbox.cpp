#include "store/sql/outbox.h"

#include "store/postgres/pool.h"
#include "store/postgres/transaction.h"
#include "store/sql/statements.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/transaction.h"

namespace store::sql {
namespace {

constexpr std::string_view kMarkSending = "UPDATE outbox SET sending = 1 WHERE id = $1";
constexpr std::string_view kSelectMessage = "SELECT message_id FROM outbox WHERE id = $1";
constexpr std::string_view kDeleteItem = "DELETE FROM outbox WHERE id = $1";
constexpr std::string_view kSetSent =
    "UPDATE messages SET provider_message_id = $2, delivery = 'sent', delivery_error = '',"
    " sent_at_ms = $3 WHERE id = $1";
constexpr std::string_view kRetry =
    "UPDATE outbox SET attempts = attempts + 1, not_before_ms = $2, lease_until_ms = NULL,"
    " sending = 0 WHERE id = $1";
constexpr std::string_view kSetError = "UPDATE messages SET delivery_error = $2 WHERE id = $1";
constexpr std::string_view kSetFinal =
    "UPDATE messages SET delivery = $2, delivery_error = $3 WHERE id = $1";
constexpr std::string_view kSelectByProviderId =
    "SELECT m.id, m.delivery, m.delivery_error, m.conversation_id, c.workspace_id FROM messages m"
    " JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.provider_message_id = $1 AND c.channel = $2";
// The conversation through the account's workspace, so that every lookup is by a unique index;
// the delivery terms repeat those of the partial index messages_awaiting_receipt.
constexpr std::string_view kUpdateUpTo =
    "UPDATE messages SET delivery = $5"
    " WHERE conversation_id IN (SELECT c.id FROM channel_accounts a"
    "  JOIN contacts k ON k.workspace_id = a.workspace_id AND k.channel = a.channel"
    "  JOIN conversations c ON c.workspace_id = a.workspace_id AND c.contact_id = k.id"
    "   AND c.channel = a.channel AND c.account_id = a.account_id"
    "  WHERE a.channel = $1 AND a.account_id = $2 AND k.external_id = $3)"
    " AND delivery IN ('sent', 'delivered') AND delivery <> $5"
    " AND provider_message_id IS NOT NULL AND sent_at_ms <= $4"
    " RETURNING id, conversation_id, workspace_id";
constexpr std::string_view kSelectOwnSend =
    "SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.provider_message_id = $1 AND c.channel = $2 AND m.author IN ('ai', 'human_crm')";
constexpr std::string_view kDepth =
    "SELECT COUNT(*) FILTER (WHERE sending = 0 AND not_before_ms <= $1),"
    " COUNT(*) FILTER (WHERE sending = 0 AND not_before_ms > $1),"
    " COUNT(*) FILTER (WHERE sending = 1) FROM outbox";
constexpr std::string_view kSelectInFlight =
    "SELECT 1 FROM outbox WHERE channel = $1 AND account_id = $2 AND recipient = $3"
    " AND lease_until_ms > $4 LIMIT 1";

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

base::Result<std::int64_t> MessageOf(auto& db, std::int64_t item_id) {
  auto q = db.Prepare(kSelectMessage);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(item_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("outbox item not found");
  return q->Int64(0);
}

}  // namespace

template <typename Backend>
base::Status Outbox<Backend>::MarkSending(const std::vector<std::int64_t>& item_ids) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    for (std::int64_t id : item_ids) {
      if (base::Status done = ChangeOne(db, "outbox item", kMarkSending, id); !done.ok()) {
        return done;
      }
    }
    return txn->Commit();
  });
}

template <typename Backend>
base::Status Outbox<Backend>::MarkSent(const std::vector<core::SentItem>& sent) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
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
  });
}

template <typename Backend>
base::Status Outbox<Backend>::RetryOutbox(std::int64_t item_id, base::TimePoint not_before,
                                          const std::string& error) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    base::Result<std::int64_t> message = MessageOf(db, item_id);
    if (!message.ok()) return message.error();
    if (base::Status done = RunStatement(db, kRetry, item_id, not_before); !done.ok()) return done;
    if (base::Status done = RunStatement(db, kSetError, *message, error); !done.ok()) return done;
    return txn->Commit();
  });
}

template <typename Backend>
base::Status Outbox<Backend>::FinishUnsent(std::int64_t item_id, core::DeliveryStatus status,
                                           const std::string& reason) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    base::Result<std::int64_t> message = MessageOf(db, item_id);
    if (!message.ok()) return message.error();
    base::Status done = RunStatement(db, kSetFinal, *message, core::ToString(status), reason);
    if (!done.ok()) return done;
    if (done = RunStatement(db, kDeleteItem, item_id); !done.ok()) return done;
    return txn->Commit();
  });
}

template <typename Backend>
base::Result<std::optional<core::DeliveryChange>> Outbox<Backend>::UpdateDelivery(
    core::Channel channel, const std::string& provider_message_id, core::DeliveryStatus status,
    const std::string& error) {
  using Change = std::optional<core::DeliveryChange>;
  return backend_.Writing([&](auto& db) -> base::Result<Change> {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    core::DeliveryChange now;
    {
      auto q = db.Prepare(kSelectByProviderId);
      if (!q.ok()) return q.error();
      base::Result<bool> row = q->BindAll(provider_message_id, core::ToString(channel)).Step();
      if (!row.ok()) return row.error();
      if (!*row) return Change();
      base::Result<core::DeliveryStatus> stored =
          EnumColumn<core::ParseDeliveryStatus>(*q, 1, "delivery");
      if (!stored.ok()) return stored.error();
      now = {q->Int64(4), q->Int64(3), q->Int64(0), *stored, q->Text(2)};
    }
    if (Rank(status) > Rank(now.delivery)) {
      base::Status done =
          RunStatement(db, kSetFinal, now.message_id, core::ToString(status), error);
      if (!done.ok()) return done.error();
      now.delivery = status;
      now.error = error;
    }
    if (base::Status done = txn->Commit(); !done.ok()) return done.error();
    return Change(now);
  });
}

template <typename Backend>
base::Result<std::vector<core::DeliveryChange>> Outbox<Backend>::UpdateDeliveryUpTo(
    core::Channel channel, const std::string& account_id, const std::string& recipient,
    base::TimePoint watermark, core::DeliveryStatus status) {
  if (status != core::DeliveryStatus::kDelivered && status != core::DeliveryStatus::kRead) {
    return std::vector<core::DeliveryChange>();
  }
  return backend_.Writing([&](auto& db) -> base::Result<std::vector<core::DeliveryChange>> {
    auto q = db.Prepare(kUpdateUpTo);
    if (!q.ok()) return q.error();
    q->BindAll(core::ToString(channel), account_id, recipient, watermark, core::ToString(status));
    return ReadAll(*q, [&](const auto& r) {
      return core::DeliveryChange{r.Int64(2), r.Int64(1), r.Int64(0), status, ""};
    });
  });
}

template <typename Backend>
base::Result<bool> Outbox<Backend>::IsOwnSend(core::Channel channel,
                                              const std::string& provider_message_id) {
  return backend_.Writing([&](auto& db) {
    return Exists(db, kSelectOwnSend, provider_message_id, core::ToString(channel));
  });
}

template <typename Backend>
base::Result<bool> Outbox<Backend>::HasSendInFlight(core::Channel channel,
                                                    const std::string& account_id,
                                                    const std::string& recipient,
                                                    base::TimePoint now) {
  return backend_.Writing([&](auto& db) {
    return Exists(db, kSelectInFlight, core::ToString(channel), account_id, recipient, now);
  });
}

template <typename Backend>
base::Result<core::OutboxDepth> Outbox<Backend>::MeasureOutbox(base::TimePoint now) {
  return backend_.Writing([&](auto& db) -> base::Result<core::OutboxDepth> {
    auto q = db.Prepare(kDepth);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(now).Step();
    if (!row.ok()) return row.error();
    return core::OutboxDepth{q->Int64(0), q->Int64(1), q->Int64(2)};
  });
}

template class Outbox<sqlite::DatabaseFile>;
template class Outbox<postgres::Pool>;

}  // namespace store::sql
