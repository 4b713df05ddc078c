#include "store/sqlite/store.h"

#include <utility>

#include "store/sqlite/decision_writer.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {

base::Status Store::Atomically(const std::function<base::Status()>& work) {
  return file_.Atomically(work);
}

struct Store::PendingCommit : GroupedWrite {
  PendingCommit(std::int64_t ws, const core::Decision& d) : workspace_id(ws), decision(d) {}
  std::int64_t workspace_id;
  const core::Decision& decision;
  base::Result<core::Decision> result = base::Error::Internal("database error: not written");
};

base::Result<core::Decision> Store::Commit(std::int64_t workspace_id,
                                           const core::Decision& decision) {
  if (file_.InAtomically()) {  // part of the caller's transaction
    auto [lock, db] = file_.Write();
    base::Result<core::Decision> committed = sqlite::Commit(db, workspace_id, decision);
    if (committed.ok()) file_.search().Committed(db, committed->messages.size());
    return committed;
  }
  PendingCommit mine(workspace_id, decision);
  commits_.Submit(mine);
  return std::move(mine.result);
}

void Store::WriteCommits(std::span<GroupedWrite* const> batch) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  std::size_t appended = 0;
  for (GroupedWrite* w : batch) {
    auto& p = static_cast<PendingCommit&>(*w);
    if (!txn.ok()) {
      p.result = txn.error();
      continue;
    }
    p.result = sqlite::Commit(db, p.workspace_id, p.decision);  // a savepoint each
    if (p.result.ok()) appended += p.result->messages.size();
  }
  if (!txn.ok()) return;
  if (base::Status done = txn->Commit(); !done.ok()) {
    for (GroupedWrite* w : batch) static_cast<PendingCommit&>(*w).result = done.error();
    return;
  }
  file_.search().Committed(db, appended);
}

}  // namespace store::sqlite
