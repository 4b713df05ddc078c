#include "store/sqlite/conversation_edit_repository.h"

#include "store/sqlite/conversation_repository.h"
#include "store/sqlite/sql.h"
#include "store/sqlite/summary_repository.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

// The folder is part of the state decisions are made on: moving it bumps the version, so a
// decision made on the old folder is decided again (core::Store::Commit).
constexpr std::string_view kSetFolder =
    "UPDATE conversations SET folder = ?3, version = version + 1"
    " WHERE id = ?1 AND workspace_id = ?2 AND folder != ?3";
constexpr std::string_view kSetPriority =
    "UPDATE conversations SET priority = ?3 WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kMarkRead =
    "UPDATE conversations SET unread_count = 0 WHERE id = ?1 AND workspace_id = ?2";

}  // namespace

base::Result<core::ConversationSummary> ChangeConversation(Connection& db,
                                                           std::int64_t workspace_id,
                                                           std::int64_t conversation_id,
                                                           const core::ConversationChange& change) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status known = RequireConversation(db, workspace_id, conversation_id); !known.ok()) {
    return known.error();
  }
  if (change.folder) {
    base::Status done =
        RunStatement(db, kSetFolder, conversation_id, workspace_id, core::ToString(*change.folder));
    if (!done.ok()) return done.error();
  }
  if (change.priority) {
    base::Status done = RunStatement(db, kSetPriority, conversation_id, workspace_id,
                                     core::ToString(*change.priority));
    if (!done.ok()) return done.error();
  }
  base::Result<core::ConversationSummary> summary = LoadSummary(db, workspace_id, conversation_id);
  if (!summary.ok()) return summary.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return summary;
}

base::Result<core::ConversationSummary> MarkRead(Connection& db, std::int64_t workspace_id,
                                                 std::int64_t conversation_id) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  {
    base::Status done = RunStatement(db, kMarkRead, conversation_id, workspace_id);
    if (!done.ok()) return done.error();
  }
  if (base::Status done = RequireChanged(db, "conversation"); !done.ok()) return done.error();
  base::Result<core::ConversationSummary> summary = LoadSummary(db, workspace_id, conversation_id);
  if (!summary.ok()) return summary.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return summary;
}

}  // namespace store::sqlite
