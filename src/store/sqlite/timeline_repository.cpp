#include "store/sqlite/timeline_repository.h"

#include "store/enum_name.h"
#include "store/sqlite/conversation_repository.h"
#include "store/sqlite/store.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_events (workspace_id, conversation_id, kind, actor, detail, mode_after,"
    " resume_at_ms, at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kSelectAudit =
    "SELECT id, kind, actor, detail, mode_after, resume_at_ms, at_ms FROM audit_events"
    " WHERE conversation_id = ?1 AND workspace_id = ?2 ORDER BY at_ms, id";

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

base::Result<std::vector<core::AuditEvent>> Store::ListAudit(std::int64_t workspace_id,
                                                             std::int64_t conversation_id) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  if (base::Status known = RequireConversation(db, workspace_id, conversation_id); !known.ok()) {
    return known.error();
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
