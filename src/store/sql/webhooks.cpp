#include "store/sql/webhooks.h"

#include <algorithm>

#include "store/postgres/pool.h"
#include "store/postgres/transaction.h"
#include "store/sql/records.h"
#include "store/sql/statements.h"
#include "store/sql/workspaces.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/transaction.h"

namespace store::sql {
namespace {

constexpr std::string_view kCount = "SELECT COUNT(*) FROM webhooks WHERE workspace_id = $1";
constexpr std::string_view kAny = "SELECT 1 FROM webhooks WHERE workspace_id = $1 LIMIT 1";
constexpr std::string_view kAnyDue =
    "SELECT 1 FROM webhook_deliveries WHERE next_attempt_ms <= $1 LIMIT 1";
constexpr std::string_view kInsert =
    "INSERT INTO webhooks (workspace_id, url, secret, created_at_ms) VALUES ($1, $2, $3, $4)"
    " RETURNING id";
constexpr std::string_view kSelectAll =
    "SELECT id, url, secret, created_at_ms FROM webhooks WHERE workspace_id = $1 ORDER BY id";
constexpr std::string_view kDelete = "DELETE FROM webhooks WHERE id = $1 AND workspace_id = $2";
// Due again in the outer WHERE: see the header.
constexpr std::string_view kClaim =
    "UPDATE webhook_deliveries SET next_attempt_ms = $3"
    " WHERE next_attempt_ms <= $1 AND id IN (SELECT id FROM webhook_deliveries"
    " WHERE next_attempt_ms <= $1 ORDER BY next_attempt_ms, id LIMIT $2)"
    " RETURNING id, workspace_id, webhook_id, event, attempts, created_at_ms, conversation_id,"
    " message_id, notification_id";
constexpr std::string_view kSelectWebhook = "SELECT url, secret FROM webhooks WHERE id = $1";
constexpr std::string_view kFinish = "DELETE FROM webhook_deliveries WHERE id = $1";
constexpr std::string_view kFail =
    "UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_ms = $2,"
    " last_error = $3 WHERE id = $1";
// One row per webhook of the workspace (none when it has none).
constexpr std::string_view kQueue =
    "INSERT INTO webhook_deliveries (workspace_id, webhook_id, event, conversation_id,"
    " message_id, notification_id, created_at_ms, next_attempt_ms)"
    " SELECT workspace_id, id, $2, CAST($3 AS bigint), CAST($4 AS bigint), CAST($5 AS bigint),"
    " CAST($6 AS bigint), CAST($6 AS bigint) FROM webhooks WHERE workspace_id = $1";

// A claimed delivery, and the ids of what it announces.
struct Claimed {
  core::WebhookDelivery delivery;
  std::optional<std::int64_t> message_id;
  std::optional<std::int64_t> notification_id;
};

// Completes a claimed delivery with its webhook and what it announces, as stored now.
base::Status Complete(auto& db, Claimed& c) {
  core::WebhookDelivery& d = c.delivery;
  {
    auto q = db.Prepare(kSelectWebhook);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(d.webhook_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("webhook not found");
    d.url = q->Text(0);
    d.secret = q->Text(1);
  }
  if (c.message_id) {
    base::Result<core::Message> m = LoadMessage(db, d.workspace_id, *c.message_id);
    if (!m.ok()) return m.error();
    d.message = std::move(*m);
  }
  if (c.notification_id) {
    base::Result<core::Notification> n = LoadNotification(db, d.workspace_id, *c.notification_id);
    if (!n.ok()) return n.error();
    d.notification = std::move(*n);
  }
  return base::Status::Ok();
}

}  // namespace

template <typename Backend>
base::Result<core::Webhook> Webhooks<Backend>::CreateWebhook(std::int64_t workspace_id,
                                                             const std::string& url,
                                                             const std::string& secret,
                                                             base::TimePoint at) {
  return backend_.Writing([&](auto& db) -> base::Result<core::Webhook> {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    if (base::Status known = RequireWorkspace(db, workspace_id); !known.ok()) return known.error();
    {
      auto count = db.Prepare(kCount);
      if (!count.ok()) return count.error();
      base::Result<bool> row = count->BindAll(workspace_id).Step();
      if (!row.ok()) return row.error();
      if (static_cast<std::size_t>(count->Int64(0)) >= core::kMaxWebhooksPerWorkspace) {
        return base::Error::ResourceExhausted("a workspace has at most " +
                                              std::to_string(core::kMaxWebhooksPerWorkspace) +
                                              " webhooks: delete one first");
      }
    }
    core::Webhook webhook{0, workspace_id, url, secret, at};
    {
      auto insert = db.Prepare(kInsert);
      if (!insert.ok()) return insert.error();
      base::Result<bool> row = insert->BindAll(workspace_id, url, secret, at).Step();
      if (!row.ok()) return row.error();
      webhook.id = insert->Int64(0);
    }
    if (base::Status committed = txn->Commit(); !committed.ok()) return committed.error();
    return webhook;
  });
}

template <typename Backend>
base::Result<std::vector<core::Webhook>> Webhooks<Backend>::ListWebhooks(
    std::int64_t workspace_id) {
  return backend_.Writing([&](auto& db) -> base::Result<std::vector<core::Webhook>> {
    auto q = db.Prepare(kSelectAll);
    if (!q.ok()) return q.error();
    q->BindAll(workspace_id);
    return ReadAll(*q, [&](const auto& r) {
      return core::Webhook{r.Int64(0), workspace_id, r.Text(1), r.Text(2), r.Time(3)};
    });
  });
}

template <typename Backend>
base::Status Webhooks<Backend>::DeleteWebhook(std::int64_t workspace_id, std::int64_t webhook_id) {
  return backend_.Writing([&](auto& db) -> base::Status {
    return ChangeOne(db, "webhook", kDelete, webhook_id, workspace_id);
  });
}

template <typename Backend>
base::Result<std::vector<core::WebhookDelivery>> Webhooks<Backend>::ClaimWebhookDeliveries(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until) {
  using Deliveries = std::vector<core::WebhookDelivery>;
  return backend_.Writing([&](auto& db) -> base::Result<Deliveries> {
    // Nothing due (the usual case): no write.
    base::Result<bool> due_any = Exists(db, kAnyDue, now);
    if (!due_any.ok()) return due_any.error();
    if (!*due_any) return Deliveries{};
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    base::Result<std::vector<Claimed>> claimed = [&]() -> base::Result<std::vector<Claimed>> {
      auto q = db.Prepare(kClaim);
      if (!q.ok()) return q.error();
      q->BindAll(now, static_cast<std::int64_t>(limit), lease_until);
      return ReadAll(*q, [](const auto& r) -> base::Result<Claimed> {
        auto event = EnumColumn<core::ParseWebhookEvent>(r, 3, "webhook event");
        if (!event.ok()) return event.error();
        return Claimed{{.id = r.Int64(0),
                        .workspace_id = r.Int64(1),
                        .webhook_id = r.Int64(2),
                        .event = *event,
                        .attempts = static_cast<int>(r.Int64(4)),
                        .created_at = r.Time(5),
                        .conversation_id = r.Int64(6)},
                       r.OptionalInt64(7),
                       r.OptionalInt64(8)};
      });
    }();
    if (!claimed.ok()) return claimed.error();
    Deliveries due;
    for (Claimed& c : *claimed) {
      if (base::Status done = Complete(db, c); !done.ok()) return done.error();
      due.push_back(std::move(c.delivery));
    }
    if (base::Status committed = txn->Commit(); !committed.ok()) return committed.error();
    // The claim's order is the database's: due first, then by id.
    std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return due;
  });
}

template <typename Backend>
base::Status Webhooks<Backend>::FinishWebhookDelivery(std::int64_t delivery_id) {
  return backend_.Writing([&](auto& db) -> base::Status {
    return ChangeOne(db, "webhook delivery", kFinish, delivery_id);
  });
}

template <typename Backend>
base::Status Webhooks<Backend>::FailWebhookDelivery(std::int64_t delivery_id,
                                                    std::optional<base::TimePoint> next_attempt,
                                                    const std::string& error) {
  return backend_.Writing([&](auto& db) -> base::Status {
    return ChangeOne(db, "webhook delivery", kFail, delivery_id, next_attempt, error);
  });
}

base::Status QueueWebhookDeliveries(auto& db, std::int64_t workspace_id,
                                    const core::Decision& decision) {
  // Most workspaces have no webhook: one index probe, then nothing to queue.
  base::Result<bool> any = Exists(db, kAny, workspace_id);
  if (!any.ok()) return any.error();
  if (!*any) return base::Status::Ok();
  const std::int64_t conversation_id = decision.conversation.id;
  const auto queue = [&](core::WebhookEvent event, std::optional<std::int64_t> message_id,
                         std::optional<std::int64_t> notification_id, base::TimePoint at) {
    return RunStatement(db, kQueue, workspace_id, core::ToString(event), conversation_id,
                        message_id, notification_id, at);
  };
  for (const core::Message& m : decision.messages) {
    base::Status done = queue(core::WebhookEvent::kMessageCreated, m.id, std::nullopt, m.at);
    if (!done.ok()) return done;
  }
  for (const core::Notification& n : decision.notifications) {
    const core::WebhookEvent event = n.kind == core::NotificationKind::kLeadQualified
                                         ? core::WebhookEvent::kLeadQualified
                                         : core::WebhookEvent::kHandoff;
    if (base::Status done = queue(event, std::nullopt, n.id, n.at); !done.ok()) return done;
  }
  return base::Status::Ok();
}

template class Webhooks<sqlite::DatabaseFile>;
template class Webhooks<postgres::Pool>;
template base::Status QueueWebhookDeliveries(sqlite::Connection&, std::int64_t,
                                             const core::Decision&);
template base::Status QueueWebhookDeliveries(postgres::Connection&, std::int64_t,
                                             const core::Decision&);

}  // namespace store::sql
