// Group commit: the writes of concurrent callers share one transaction. Each caller queues its
// write and waits; one of them (the leader) takes everything queued, runs it as one batch, and
// wakes the others. Under load a transaction's fixed cost is paid once per batch instead of once
// per write, and nobody waits for a timer: a write arriving while a batch runs goes in the next.
//
// Thread-safety: Submit may be called from any thread, but never from inside a batch.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

namespace store::sqlite {

// One caller's write: a derived type holds its input and result, which the batch sets.
struct GroupedWrite {
  virtual ~GroupedWrite() = default;
  bool ran = false;  // a batch holding it has run; guarded by the GroupCommit's mutex
};

class GroupCommit {
 public:
  // Runs one batch (opens the transaction, applies each write, commits, and sets each write's
  // result, failed ones included), on the leader's thread.
  using Batch = std::function<void(std::span<GroupedWrite* const>)>;
  explicit GroupCommit(Batch batch) : batch_(std::move(batch)) {}

  // Queues `write` and returns once a batch that held it has run.
  void Submit(GroupedWrite& write);

 private:
  const Batch batch_;
  std::mutex mutex_;
  std::condition_variable ran_;
  std::vector<GroupedWrite*> queue_;  // guarded by mutex_
  bool leading_ = false;              // guarded by mutex_
};

}  // namespace store::sqlite
