#include "store/sqlite/webhook_repository.h"

#include "store/sql/statements.h"
#include "store/sql/workspaces.h"
#include "store/sqlite/conversation_repository.h"
#include "store/sqlite/enum_column.h"
#include "store/sqlite/notification_repository.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kCount = "SELECT COUNT(*) FROM webhooks WHERE workspace_id = ?1";
constexpr std::string_view kAny = "SELECT 1 FROM webhooks WHERE workspace_id = ?1 LIMIT 1";
constexpr std::string_view kAnyDue =
    "SELECT 1 FROM webhook_deliveries WHERE next_attempt_ms <= ?1 LIMIT 1";
constexpr std::string_view kInsert =
    "INSERT INTO webhooks (workspace_id, url, secret, created_at_ms) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kSelectAll =
    "SELECT id, url, secret, created_at_ms FROM webhooks WHERE workspace_id = ?1 ORDER BY id";
constexpr std::string_view kDelete = "DELETE FROM webhooks WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kSelectDue =
    "SELECT d.id, d.workspace_id, d.webhook_id, w.url, w.secret, d.event, d.attempts,"
    " d.created_at_ms, d.conversation_id, d.message_id, d.notification_id"
    " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
    " WHERE d.next_attempt_ms <= ?1 ORDER BY d.next_attempt_ms, d.id LIMIT ?2";
constexpr std::string_view kLease =
    "UPDATE webhook_deliveries SET next_attempt_ms = ?2 WHERE id = ?1";
constexpr std::string_view kFinish = "DELETE FROM webhook_deliveries WHERE id = ?1";
constexpr std::string_view kFail =
    "UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_ms = ?2,"
    " last_error = ?3 WHERE id = ?1";
// One row per webhook of the workspace (none when it has none).
constexpr std::string_view kQueue =
    "INSERT INTO webhook_deliveries (workspace_id, webhook_id, event, conversation_id,"
    " message_id, notification_id, created_at_ms, next_attempt_ms)"
    " SELECT ?1, id, ?2, ?3, ?4, ?5, ?6, ?6 FROM webhooks WHERE workspace_id = ?1";

// Completes a claimed delivery with what it announces, as stored now.
base::Status LoadSubject(Connection& db, core::WebhookDelivery& d,
                         std::optional<std::int64_t> message_id,
                         std::optional<std::int64_t> notification_id) {
  if (message_id) {
    base::Result<core::Message> m = LoadMessage(db, d.workspace_id, *message_id);
    if (!m.ok()) return m.error();
    d.message = std::move(*m);
  }
  if (notification_id) {
    base::Result<core::Notification> n = LoadNotification(db, d.workspace_id, *notification_id);
    if (!n.ok()) return n.error();
    d.notification = std::move(*n);
  }
  return base::Status::Ok();
}

base::Status Queue(Connection& db, std::int64_t workspace_id, core::WebhookEvent event,
                   std::int64_t conversation_id, std::optional<std::int64_t> message_id,
                   std::optional<std::int64_t> notification_id, base::TimePoint at) {
  return RunStatement(db, kQueue, workspace_id, core::ToString(event), conversation_id, message_id,
                      notification_id, at);
}

}  // namespace

base::Result<core::Webhook> Webhooks::CreateWebhook(std::int64_t workspace_id,
                                                    const std::string& url,
                                                    const std::string& secret, base::TimePoint at) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status known = RequireWorkspace(db, workspace_id); !known.ok()) return known.error();
  {
    base::Result<Query> count = db.Prepare(kCount);
    if (!count.ok()) return count.error();
    base::Result<bool> row = count->BindAll(workspace_id).Step();
    if (!row.ok()) return row.error();
    if (static_cast<std::size_t>(count->Int64(0)) >= core::kMaxWebhooksPerWorkspace) {
      return base::Error::ResourceExhausted("a workspace has at most " +
                                            std::to_string(core::kMaxWebhooksPerWorkspace) +
                                            " webhooks: delete one first");
    }
  }
  base::Result<Query> insert = db.Prepare(kInsert);
  if (!insert.ok()) return insert.error();
  if (base::Status done = insert->BindAll(workspace_id, url, secret, at).Run(); !done.ok()) {
    return done.error();
  }
  core::Webhook webhook{db.LastInsertId(), workspace_id, url, secret, at};
  if (base::Status committed = txn->Commit(); !committed.ok()) return committed.error();
  return webhook;
}

base::Result<std::vector<core::Webhook>> Webhooks::ListWebhooks(std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectAll);
  if (!q.ok()) return q.error();
  q->BindAll(workspace_id);
  std::vector<core::Webhook> webhooks;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return webhooks;
    webhooks.push_back({q->Int64(0), workspace_id, q->Text(1), q->Text(2), q->Time(3)});
  }
}

base::Status Webhooks::DeleteWebhook(std::int64_t workspace_id, std::int64_t webhook_id) {
  auto [lock, db] = file_.Write();
  return ChangeOne(db, "webhook", kDelete, webhook_id, workspace_id);
}

base::Result<std::vector<core::WebhookDelivery>> Webhooks::ClaimWebhookDeliveries(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until) {
  auto [lock, db] = file_.Write();
  // Nothing due (the usual case): no write lock taken.
  base::Result<bool> due_any = Exists(db, kAnyDue, now);
  if (!due_any.ok()) return due_any.error();
  if (!*due_any) return std::vector<core::WebhookDelivery>{};
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  std::vector<core::WebhookDelivery> due;
  std::vector<std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>> subjects;
  {
    base::Result<Query> q = db.Prepare(kSelectDue);
    if (!q.ok()) return q.error();
    q->BindAll(now, static_cast<std::int64_t>(limit));
    while (true) {
      base::Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      auto event = EnumColumn<core::ParseWebhookEvent>(*q, 5, "webhook event");
      if (!event.ok()) return event.error();
      due.push_back({.id = q->Int64(0),
                     .workspace_id = q->Int64(1),
                     .webhook_id = q->Int64(2),
                     .url = q->Text(3),
                     .secret = q->Text(4),
                     .event = *event,
                     .attempts = static_cast<int>(q->Int64(6)),
                     .created_at = q->Time(7),
                     .conversation_id = q->Int64(8)});
      subjects.emplace_back(q->OptionalInt64(9), q->OptionalInt64(10));
    }
  }
  for (std::size_t i = 0; i < due.size(); ++i) {
    base::Status loaded = LoadSubject(db, due[i], subjects[i].first, subjects[i].second);
    if (!loaded.ok()) return loaded.error();
    base::Result<Query> lease = db.Prepare(kLease);
    if (!lease.ok()) return lease.error();
    if (base::Status done = lease->BindAll(due[i].id, lease_until).Run(); !done.ok()) {
      return done.error();
    }
  }
  if (base::Status committed = txn->Commit(); !committed.ok()) return committed.error();
  return due;
}

base::Status Webhooks::FinishWebhookDelivery(std::int64_t delivery_id) {
  auto [lock, db] = file_.Write();
  return ChangeOne(db, "webhook delivery", kFinish, delivery_id);
}

base::Status Webhooks::FailWebhookDelivery(std::int64_t delivery_id,
                                           std::optional<base::TimePoint> next_attempt,
                                           const std::string& error) {
  auto [lock, db] = file_.Write();
  return ChangeOne(db, "webhook delivery", kFail, delivery_id, next_attempt, error);
}

base::Status QueueWebhookDeliveries(Connection& db, std::int64_t workspace_id,
                                    const core::Decision& decision) {
  // Most workspaces have no webhook: one index probe, then nothing to queue.
  base::Result<bool> any = Exists(db, kAny, workspace_id);
  if (!any.ok()) return any.error();
  if (!*any) return base::Status::Ok();
  const std::int64_t conversation_id = decision.conversation.id;
  for (const core::Message& m : decision.messages) {
    base::Status done = Queue(db, workspace_id, core::WebhookEvent::kMessageCreated,
                              conversation_id, m.id, std::nullopt, m.at);
    if (!done.ok()) return done;
  }
  for (const core::Notification& n : decision.notifications) {
    const core::WebhookEvent event = n.kind == core::NotificationKind::kLeadQualified
                                         ? core::WebhookEvent::kLeadQualified
                                         : core::WebhookEvent::kHandoff;
    base::Status done = Queue(db, workspace_id, event, conversation_id, std::nullopt, n.id, n.at);
    if (!done.ok()) return done;
  }
  return base::Status::Ok();
}

}  // namespace store::sqlite
