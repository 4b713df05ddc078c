#include "store/sqlite/conversation_edit_repository.h"

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

template <typename Value>
base::Status Set(Connection& db, std::string_view sql, std::int64_t workspace_id,
                 std::int64_t conversation_id, Value value) {
  base::Result<Query> update = db.Prepare(sql);
  if (!update.ok()) return update.error();
  return update->BindAll(conversation_id, workspace_id, core::ToString(value)).Run();
}

}  // namespace

base::Result<core::ConversationSummary> ChangeConversation(Connection& db,
                                                           std::int64_t workspace_id,
                                                           std::int64_t conversation_id,
                                                           const core::ConversationChange& change) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (auto found = LoadSummary(db, workspace_id, conversation_id); !found.ok()) {
    return found.error();
  }
  if (change.folder) {
    base::Status done = Set(db, kSetFolder, workspace_id, conversation_id, *change.folder);
    if (!done.ok()) return done.error();
  }
  if (change.priority) {
    base::Status done = Set(db, kSetPriority, workspace_id, conversation_id, *change.priority);
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
    base::Result<Query> update = db.Prepare(kMarkRead);
    if (!update.ok()) return update.error();
    base::Status done = update->BindAll(conversation_id, workspace_id).Run();
    if (!done.ok()) return done.error();
  }
  if (db.Changes() == 0) return base::Error::NotFound("conversation not found");
  base::Result<core::ConversationSummary> summary = LoadSummary(db, workspace_id, conversation_id);
  if (!summary.ok()) return summary.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return summary;
}

}  // namespace store::sqlite
