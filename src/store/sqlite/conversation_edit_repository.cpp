#include "store/sql/statements.h"
#include "store/sql/timeline.h"
#include "store/sqlite/crm.h"
#include "store/sqlite/summary_repository.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

// The folder is part of the state decisions are made on: moving it bumps the version, so a
// decision made on the old folder is decided again (core::Store::Commit).
constexpr std::string_view kSetFolder =
    "UPDATE conversations SET folder = ?3, version = version + 1"
    " WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kSetPriority =
    "UPDATE conversations SET priority = ?3 WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kMarkRead =
    "UPDATE conversations SET unread_count = 0 WHERE id = ?1 AND workspace_id = ?2";

// Puts `user` changing a value of `s` from `before` to `after` on its timeline; the mode is left
// as it was.
base::Status AuditChange(Connection& db, std::int64_t workspace_id,
                         const core::ConversationSummary& s, core::AuditKind kind,
                         std::string_view before, std::string_view after, const std::string& user,
                         base::TimePoint at) {
  const core::AuditEvent event{.conversation_id = s.id,
                               .kind = kind,
                               .actor = user,
                               .detail = std::string(before) + " -> " + std::string(after),
                               .mode_after = s.lease.mode,
                               .resume_at = s.lease.resume_at,
                               .at = at};
  base::Result<std::int64_t> id = sql::InsertAudit(db, workspace_id, event);
  if (!id.ok()) return id.error();
  return base::Status::Ok();
}

}  // namespace

base::Result<core::ConversationSummary> Crm::ChangeConversation(
    std::int64_t workspace_id, std::int64_t conversation_id, const core::ConversationChange& change,
    const std::string& user, base::TimePoint at) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  base::Result<core::ConversationSummary> before = LoadSummary(workspace_id, conversation_id);
  if (!before.ok()) return before.error();
  if (change.folder && *change.folder != before->folder) {
    base::Status done =
        RunStatement(db, kSetFolder, conversation_id, workspace_id, core::ToString(*change.folder));
    if (done.ok()) {
      done = AuditChange(db, workspace_id, *before, core::AuditKind::kFolderChanged,
                         core::ToString(before->folder), core::ToString(*change.folder), user, at);
    }
    if (!done.ok()) return done.error();
  }
  if (change.priority && *change.priority != before->priority) {
    base::Status done = RunStatement(db, kSetPriority, conversation_id, workspace_id,
                                     core::ToString(*change.priority));
    if (done.ok()) {
      done =
          AuditChange(db, workspace_id, *before, core::AuditKind::kPriorityChanged,
                      core::ToString(before->priority), core::ToString(*change.priority), user, at);
    }
    if (!done.ok()) return done.error();
  }
  base::Result<core::ConversationSummary> summary = LoadSummary(workspace_id, conversation_id);
  if (!summary.ok()) return summary.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return summary;
}

base::Result<core::ConversationSummary> Crm::MarkRead(std::int64_t workspace_id,
                                                      std::int64_t conversation_id) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  {
    base::Status done = RunStatement(db, kMarkRead, conversation_id, workspace_id);
    if (!done.ok()) return done.error();
  }
  if (base::Status done = RequireChanged(db, "conversation"); !done.ok()) return done.error();
  base::Result<core::ConversationSummary> summary = LoadSummary(workspace_id, conversation_id);
  if (!summary.ok()) return summary.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return summary;
}

}  // namespace store::sqlite
