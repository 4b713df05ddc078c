#include "store/sqlite/database_file.h"

#include <utility>

#include "base/slow_call_guard.h"
#include "store/sqlite/callback_queue.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

// The file whose Atomically runs on this thread: calls on it join that transaction.
thread_local const DatabaseFile* t_atomically = nullptr;

}  // namespace

base::Result<std::unique_ptr<DatabaseFile>> DatabaseFile::Open(const std::string& path) {
  base::Result<std::unique_ptr<Connection>> writer = Connection::Open(path);
  if (!writer.ok()) return writer.error();
  // Before the migration that drops their old table.
  base::Status migrated = MoveCallbacksToQueueFile(**writer, path);
  if (migrated.ok()) migrated = Migrate(**writer, Migrations());
  if (!migrated.ok()) {
    const base::Error& e = migrated.error();
    return base::Error{e.code, "cannot open database '" + path + "': " + e.message};
  }
  // Checkpoints run in the background (Checkpointer), never in a caller's commit.
  if (base::Status off = (*writer)->Execute("PRAGMA wal_autocheckpoint=0"); !off.ok()) {
    return off.error();
  }
  auto checkpointer = Checkpointer::Start(path, kCheckpointEvery);
  if (!checkpointer.ok()) return checkpointer.error();
  base::Result<std::unique_ptr<Connection>> reader = Connection::Open(path);
  if (!reader.ok()) return reader.error();
  return std::unique_ptr<DatabaseFile>(
      new DatabaseFile(std::move(*writer), std::move(*reader), std::move(*checkpointer)));
}

DatabaseFile::DatabaseFile(std::unique_ptr<Connection> writer, std::unique_ptr<Connection> reader,
                           std::unique_ptr<Checkpointer> checkpointer)
    : writer_(std::move(writer)),
      reader_(std::move(reader)),
      checkpointer_(std::move(checkpointer)) {}

DatabaseFile::~DatabaseFile() = default;

DatabaseFile::Guard DatabaseFile::Write() { return {std::unique_lock(writer_mutex_), *writer_}; }

DatabaseFile::Guard DatabaseFile::Read() {
  if (InAtomically()) return Write();
  if (std::unique_lock writer(writer_mutex_, std::try_to_lock); writer.owns_lock()) {
    return {std::move(writer), *writer_};
  }
  return {std::unique_lock(reader_mutex_), *reader_};
}

bool DatabaseFile::InAtomically() const { return t_atomically == this; }

base::Status DatabaseFile::Atomically(const std::function<base::Status()>& work) {
  auto [lock, db] = Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  // Every other thread's store call waits for `work`.
  const base::NoSlowCalls in_transaction("a store transaction");
  const DatabaseFile* const outer = t_atomically;
  t_atomically = this;
  base::Status done = work();
  t_atomically = outer;
  if (!done.ok()) return done;  // rolled back with `txn`
  return txn->Commit();
}

struct DatabaseFile::PendingCommit : GroupedWrite {
  explicit PendingCommit(const DecisionWrite& w) : write(w) {}
  const DecisionWrite& write;
  base::Result<core::Decision> result = base::Error::Internal("database error: not written");
};

base::Result<core::Decision> DatabaseFile::CommitDecision(const DecisionWrite& write) {
  if (InAtomically()) {  // part of the caller's transaction
    auto [lock, db] = Write();
    base::Result<core::Decision> committed = write(db);
    if (committed.ok()) search_.Committed(db, committed->messages.size());
    return committed;
  }
  PendingCommit mine(write);
  commits_.Submit(mine);
  return std::move(mine.result);
}

void DatabaseFile::WriteCommits(std::span<GroupedWrite* const> batch) {
  auto [lock, db] = Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  std::size_t appended = 0;
  for (GroupedWrite* w : batch) {
    auto& p = static_cast<PendingCommit&>(*w);
    if (!txn.ok()) {
      p.result = txn.error();
      continue;
    }
    p.result = p.write(db);  // a savepoint each
    if (p.result.ok()) appended += p.result->messages.size();
  }
  if (!txn.ok()) return;
  if (base::Status done = txn->Commit(); !done.ok()) {
    for (GroupedWrite* w : batch) static_cast<PendingCommit&>(*w).result = done.error();
    return;
  }
  search_.Committed(db, appended);
}

}  // namespace store::sqlite
