// The connections an instance keeps to its PostgreSQL database, shared by its threads: a
// connection serves one thread at a time, and a thread inside Atomically keeps its connection
// for the whole transaction, so the calls it makes on any adapter join it.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "store/postgres/announcement_payload.h"
#include "store/postgres/connection.h"
#include "store/postgres/transaction.h"

namespace store::postgres {

class Pool;

// A connection lent by the pool: returned when the lease ends (replaced when it was lost).
class Lease {
 public:
  // A connection of the pool's, returned to it at the end.
  Lease(Pool& pool, std::unique_ptr<Connection> db)
      : pool_(&pool), db_(db.get()), owned_(std::move(db)) {}
  // The connection of the thread's Atomically, which keeps it.
  explicit Lease(Connection& pinned) : db_(&pinned) {}
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease();

  Connection& operator*() { return *db_; }
  Connection* operator->() { return db_; }

 private:
  Pool* pool_ = nullptr;
  Connection* db_;
  std::unique_ptr<Connection> owned_;  // null when pinned
};

class Pool {
 public:
  // A pool of up to `size` connections to `conninfo`, opening one now to check the server is
  // there. kUnavailable with libpq's reason when it is not.
  // `instance` names it in the claims it takes (instance()); empty: "host:pid:random".
  static base::Result<std::unique_ptr<Pool>> Open(std::string conninfo, std::size_t size,
                                                  std::string instance = "");

  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // This thread's connection inside Atomically, else a free one (opened when none is idle and
  // fewer than `size` exist; waits otherwise). kUnavailable when a new one cannot connect.
  base::Result<Lease> Acquire();

  // Runs `work(Connection&)` on this thread's connection inside Atomically, else on a pooled
  // one, and returns what it returns; when no connection can be had, the error, as what `work`
  // returns. Reading and Writing are the same here: the form the adapters both backends share
  // call (store/sql/).
  template <typename Work>
  auto Writing(Work work) -> decltype(work(std::declval<Connection&>())) {
    base::Result<Lease> db = Acquire();
    if (!db.ok()) return db.error();
    return work(**db);
  }
  template <typename Work>
  auto Reading(Work work) {
    return Writing(std::move(work));
  }

  // A Commit's write (`write` returns the decision as stored), on this thread's connection inside
  // Atomically, else on a pooled one: the form the shared core::Store adapter calls
  // (store/sql/store.h). Concurrent commits run side by side, each in its own transaction, which
  // announces the decision to the other instances (core/announcements.h) as it commits.
  template <typename Write>
  auto CommitDecision(const Write& write) {
    return Writing([&](Connection& db) -> decltype(write(db)) {
      base::Result<Transaction> txn = Transaction::Begin(db);
      if (!txn.ok()) return txn.error();
      auto decision = write(db);  // joins `txn`
      if (!decision.ok()) return decision;
      if (base::Status told = AnnounceDecision(db, origin_, *decision); !told.ok()) {
        return told.error();
      }
      if (base::Status done = txn->Commit(); !done.ok()) return done.error();
      return decision;
    });
  }

  // As Reading: the search columns are generated with their rows, so a search finds every message
  // committed.
  template <typename Work>
  auto Searching(Work work) {
    return Writing(std::move(work));
  }

  // core::Store::Atomically: runs `work` in one transaction on one connection, which every call
  // this thread makes meanwhile uses; commits when it returns OK, rolls back otherwise.
  base::Status Atomically(const std::function<base::Status()>& work);
  bool InAtomically() const;

  const std::string& conninfo() const { return conninfo_; }
  // This instance's name in the claims it takes (outbox items, callbacks).
  const std::string& instance() const { return instance_; }
  // This process's name in its announcements (core/announcements.h): unique even when two
  // processes were given one instance name, so that neither takes the other's for its own.
  const std::string& origin() const { return origin_; }

 private:
  friend class Lease;
  Pool(std::string conninfo, std::size_t size, std::string instance);
  void Release(std::unique_ptr<Connection> db);

  const std::string conninfo_;
  const std::size_t size_;
  const std::string instance_;
  const std::string origin_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                           // lent or idle; guarded by mutex_
};

}  // namespace store::postgres
