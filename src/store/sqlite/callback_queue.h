// The core::CallbackQueue of the embedded store: Meta's raw callbacks in a SQLite file of their
// own beside the database (PathFor), with its own connection, lock and checkpoints. A callback is
// acknowledged once it is in that file, so the acknowledgement never waits behind a transaction
// of the conversations' database (an intake chunk, a reply's commit, a search index batch): the
// two files have separate write locks. The file and its table keep the names of the release that
// made them ("-inbox", `inbox`), so installations keep their queued callbacks.
//
// The two files are not one transaction: a callback is removed after the decisions it caused
// committed, and a crash in between only means it is handled again (runtime::Intake relies on
// the engine refusing what it already applied). See docs/adr/0007-inbox-file.md.
//
// Appends of concurrent callers are committed together (group commit): one transaction, and one
// WAL write, for every callback that arrived while the previous batch was being written.
//
// Thread-safety: every method may be called from any thread. Several processes may open the file.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "core/callback_queue.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/group_commit.h"

namespace store::sqlite {

class CallbackQueue final : public core::CallbackQueue {
 public:
  // The queue's file of the database at `database_path`: that path with "-inbox" appended (beside
  // SQLite's own "-wal" and "-shm"; a backup copies every "frontdesk.db*" file).
  static std::string PathFor(const std::string& database_path);

  // Opens (creating it when missing, migrating it) the queue's file of the database at
  // `database_path`. kUnavailable naming the path when it cannot be opened;
  // kFailedPrecondition when a newer frontdesk wrote it.
  static base::Result<std::unique_ptr<CallbackQueue>> Open(const std::string& database_path);

  ~CallbackQueue() override;

  base::Result<std::int64_t> AppendCallback(core::Channel channel, std::string_view raw_body,
                                            base::TimePoint received_at) override;
  // Records no lease: one instance serves the file, and its intake claims from one thread.
  base::Result<std::vector<core::Callback>> ClaimCallbacks(base::TimePoint now, std::size_t limit,
                                                           base::TimePoint lease_until) override;
  base::Status FinishCallbacks(std::span<const std::int64_t> ids) override;
  base::Status ReleaseCallbacks(std::span<const std::int64_t>) override {
    return base::Status::Ok();  // one instance serves the file: no claim is recorded
  }
  base::Status RetryCallback(std::int64_t id, base::TimePoint at) override;
  base::Status ParkCallback(std::int64_t id, const std::string& reason) override;
  base::Result<core::CallbackDepth> MeasureCallbacks(base::TimePoint now) override;

 private:
  struct PendingAppend;
  CallbackQueue(std::unique_ptr<Connection> db, std::unique_ptr<Checkpointer> checkpointer);
  void WriteAppends(std::span<GroupedWrite* const> batch);

  std::mutex mutex_;
  std::unique_ptr<Connection> db_;  // guarded by mutex_
  std::unique_ptr<Checkpointer> checkpointer_;
  GroupCommit appends_{[this](auto batch) { WriteAppends(batch); }};
};

// Moves the callbacks a release before the queue's file kept in the database's own `inbox` table
// into the queue's file (creating it), keeping their ids, so that the migration dropping that
// table loses none. Safe to run again after a crash (a callback already moved is not copied twice);
// nothing to do once the table is gone. REQUIRES: no transaction is open on `database`.
base::Status MoveCallbacksToQueueFile(Connection& database, const std::string& database_path);

}  // namespace store::sqlite
