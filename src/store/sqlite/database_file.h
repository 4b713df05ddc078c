// The database file every adapter of the embedded store works on: a writer connection behind a
// lock, a read-only connection beside it, the transaction of Atomically, the group commit of
// decisions, the background checkpoints, and the search index's batching. Each port's adapter
// (sql::Store, sql::Outbox, sql::Crm, ...) borrows it; none of them owns a connection.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "base/result.h"
#include "core/decision.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/group_commit.h"
#include "store/sqlite/search_indexer.h"

namespace store::sqlite {

class Checkpointer;

class DatabaseFile {
 public:
  // A connection held for the guard's life: `auto [lock, db] = file.Write();`.
  struct Guard {
    std::unique_lock<std::recursive_mutex> lock;
    Connection& db;
  };

  // Opens the database at `path` (creating it when missing), applies the migrations it lacks
  // and starts the checkpoints. kUnavailable naming `path` and the reason when it cannot be
  // opened or is not a database; kFailedPrecondition when a newer frontdesk wrote its schema.
  static base::Result<std::unique_ptr<DatabaseFile>> Open(const std::string& path);

  ~DatabaseFile();
  DatabaseFile(const DatabaseFile&) = delete;
  DatabaseFile& operator=(const DatabaseFile&) = delete;

  // The writer connection, inside Atomically's transaction when this thread runs one. The lock
  // is recursive: a method may call another of any adapter.
  Guard Write();

  // A connection to read from: the writer when this thread runs Atomically or the writer is
  // free (its page cache is warm: SQLite drops a connection's cache whenever another one wrote),
  // else the read-only connection, which a write transaction never blocks (WAL): the reply
  // pool's snapshots do not wait behind the intake.
  Guard Read();

  // Runs `work(Connection&)` on the writer (Write) or a connection to read from (Read) and
  // returns what it returns: the form the adapters both backends share call (store/sql/).
  template <typename Work>
  auto Writing(Work work) {
    auto [lock, db] = Write();
    return work(db);
  }
  template <typename Work>
  auto Reading(Work work) {
    auto [lock, db] = Read();
    return work(db);
  }

  // Runs `work(Connection&)` on the writer once the search index holds every message committed
  // so far (SearchBatching::CatchUp): a search then finds them all.
  template <typename Work>
  auto Searching(Work work) -> decltype(work(std::declval<Connection&>())) {
    auto [lock, db] = Write();
    if (base::Status done = search_.CatchUp(db); !done.ok()) return done.error();
    return work(db);
  }

  // core::Store::Atomically: runs `work` in one write transaction on this thread; every other
  // thread's call waits for it.
  base::Status Atomically(const std::function<base::Status()>& work);
  // Whether this thread is inside Atomically on this file.
  bool InAtomically() const;

  // A Commit's write on the writer (`write` returns the decision as stored): inside this thread's
  // Atomically it joins that transaction; otherwise it shares one transaction, and one WAL write,
  // with the Commits other threads make meanwhile (group commit: group_commit.h), each keeping
  // its own all-or-none result (a savepoint). Counts the messages committed for the search index.
  using DecisionWrite = std::function<base::Result<core::Decision>(Connection&)>;
  base::Result<core::Decision> CommitDecision(const DecisionWrite& write);

  // The search index's batching (search_indexer.h). REQUIRES: a Write guard held.
  SearchBatching& search() { return search_; }

 private:
  struct PendingCommit;
  void WriteCommits(std::span<GroupedWrite* const> batch);

  DatabaseFile(std::unique_ptr<Connection> writer, std::unique_ptr<Connection> reader,
               std::unique_ptr<Checkpointer> checkpointer);

  std::recursive_mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_
  SearchBatching search_;               // guarded by writer_mutex_
  std::recursive_mutex reader_mutex_;
  std::unique_ptr<Connection> reader_;  // guarded by reader_mutex_
  std::unique_ptr<Checkpointer> checkpointer_;
  GroupCommit commits_{[this](auto batch) { WriteCommits(batch); }};
};

}  // namespace store::sqlite
