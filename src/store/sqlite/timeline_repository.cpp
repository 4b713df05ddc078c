#include "store/sqlite/timeline_repository.h"

#include <algorithm>
#include <limits>

#include "store/sqlite/enum_column.h"
#include "store/sqlite/record_codec.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kInsertNotification =
    "INSERT INTO notifications (workspace_id, conversation_id, contact_id, kind, reason,"
    " customer_name, last_messages_json, answers_json, at_ms, read)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_events (workspace_id, conversation_id, kind, actor, detail, mode_after,"
    " resume_at_ms, at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kSelectNotifications =
    "SELECT id, conversation_id, contact_id, kind, reason, customer_name, last_messages_json,"
    " answers_json, at_ms, read FROM notifications WHERE workspace_id = ?1"
    " ORDER BY at_ms DESC, id DESC LIMIT ?2";
constexpr std::string_view kSelectNotification =
    "SELECT id, conversation_id, contact_id, kind, reason, customer_name, last_messages_json,"
    " answers_json, at_ms, read FROM notifications WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kSelectConversation =
    "SELECT 1 FROM conversations WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kSelectAudit =
    "SELECT id, kind, actor, detail, mode_after, resume_at_ms, at_ms FROM audit_events"
    " WHERE conversation_id = ?1 AND workspace_id = ?2 ORDER BY at_ms, id";

base::Result<core::Notification> ReadNotification(const Query& q, std::int64_t workspace_id) {
  auto kind = EnumColumn<core::ParseNotificationKind>(q, 3, "notification kind");
  if (!kind.ok()) return kind.error();
  auto reason = EnumColumn<core::ParseHandoffReason>(q, 4, "handoff reason");
  if (!reason.ok()) return reason.error();
  auto last_messages = DecodeStrings(q.Text(6));
  if (!last_messages.ok()) return last_messages.error();
  auto answers = DecodeAnswers(q.Text(7));
  if (!answers.ok()) return answers.error();
  return core::Notification{.id = q.Int64(0),
                            .workspace_id = workspace_id,
                            .conversation_id = q.Int64(1),
                            .contact_id = q.Int64(2),
                            .kind = *kind,
                            .reason = *reason,
                            .customer_name = q.Text(5),
                            .last_messages = std::move(*last_messages),
                            .answers = std::move(*answers),
                            .at = q.Time(8),
                            .read = q.Int64(9) != 0};
}

base::Result<core::AuditEvent> ReadAudit(const Query& q, std::int64_t conversation_id) {
  auto kind = EnumColumn<core::ParseAuditKind>(q, 1, "audit kind");
  if (!kind.ok()) return kind.error();
  auto mode = EnumColumn<core::ParseMode>(q, 4, "mode");
  if (!mode.ok()) return mode.error();
  return core::AuditEvent{.id = q.Int64(0),
                          .conversation_id = conversation_id,
                          .kind = *kind,
                          .actor = q.Text(2),
                          .detail = q.Text(3),
                          .mode_after = *mode,
                          .resume_at = q.OptionalTime(5),
                          .at = q.Time(6)};
}

}  // namespace

base::Result<std::int64_t> InsertNotification(Connection& db, const core::Notification& n) {
  base::Result<Query> insert = db.Prepare(kInsertNotification);
  if (!insert.ok()) return insert.error();
  base::Status done =
      insert
          ->BindAll(n.workspace_id, n.conversation_id, n.contact_id, core::ToString(n.kind),
                    core::ToString(n.reason), n.customer_name, EncodeStrings(n.last_messages),
                    EncodeAnswers(n.answers), n.at, std::int64_t{n.read})
          .Run();
  if (!done.ok()) return done.error();
  return db.LastInsertId();
}

base::Result<std::int64_t> InsertAudit(Connection& db, std::int64_t workspace_id,
                                       const core::AuditEvent& e) {
  base::Result<Query> insert = db.Prepare(kInsertAudit);
  if (!insert.ok()) return insert.error();
  base::Status done =
      insert
          ->BindAll(workspace_id, e.conversation_id, core::ToString(e.kind), e.actor, e.detail,
                    core::ToString(e.mode_after), e.resume_at, e.at)
          .Run();
  if (!done.ok()) return done.error();
  return db.LastInsertId();
}

base::Result<std::vector<core::Notification>> ListNotifications(Connection& db,
                                                                std::int64_t workspace_id,
                                                                std::size_t limit) {
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  base::Result<Query> q = db.Prepare(kSelectNotifications);
  if (!q.ok()) return q.error();
  q->BindAll(workspace_id, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
  std::vector<core::Notification> notifications;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return notifications;
    base::Result<core::Notification> n = ReadNotification(*q, workspace_id);
    if (!n.ok()) return n.error();
    notifications.push_back(std::move(*n));
  }
}

base::Result<core::Notification> LoadNotification(Connection& db, std::int64_t workspace_id,
                                                  std::int64_t notification_id) {
  base::Result<Query> q = db.Prepare(kSelectNotification);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(notification_id, workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("notification not found");
  return ReadNotification(*q, workspace_id);
}

base::Result<std::vector<core::AuditEvent>> ListAudit(Connection& db, std::int64_t workspace_id,
                                                      std::int64_t conversation_id) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  {
    base::Result<Query> exists = db.Prepare(kSelectConversation);
    if (!exists.ok()) return exists.error();
    base::Result<bool> row = exists->BindAll(conversation_id, workspace_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("conversation not found");
  }
  base::Result<Query> q = db.Prepare(kSelectAudit);
  if (!q.ok()) return q.error();
  q->BindAll(conversation_id, workspace_id);
  std::vector<core::AuditEvent> events;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return events;
    base::Result<core::AuditEvent> e = ReadAudit(*q, conversation_id);
    if (!e.ok()) return e.error();
    events.push_back(std::move(*e));
  }
}

}  // namespace store::sqlite
