// The reply pool: answers the replies that come due (Engine::Reply) on threads of its own, where a
// brain may take seconds. One reply in flight per conversation; up to `workers` conversations at
// once, so a slow model holds only the conversation it answers.
//
// A dispatcher thread looks for due reply timers whenever it is woken (a commit owed a reply at
// once, a worker finished) and at least every `poll` (a burst's debounce window closed). A reply
// stays durable work until its decision commits: the timer is cancelled in the same transaction,
// so a reply cut off by a crash is answered after the restart, and one whose commit lost to a
// person's action is decided again (Engine::Reply). A reply that failed (the store) waits
// `retry_delay` before it is tried again.
//
// Metrics (on the registry given):
//   replies_total{result}         answered (a message or a handoff) | settled (nothing left to
//                                 say: a person took over, the burst was answered) | failed
//   reply_proposals_total         brain calls made for replies
//   reply_proposals_discarded_total  proposals dropped: a person acted or a newer message
//                                 arrived while the brain ran
//   reply_seconds                 histogram: a reply due -> its decision committed
// The log gets a line for each reply that failed.
//
// Thread-safety: Wake may be called from any thread; Start and Stop from one owner.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/metrics.h"
#include "core/store.h"
#include "runtime/background_loop.h"
#include "runtime/engine.h"

namespace runtime {

struct ReplyPoolSettings {
  int workers = 32;  // conversations answered at once (brain calls in flight)
  base::Duration poll = std::chrono::milliseconds{200};
  base::Duration retry_delay = std::chrono::seconds{2};
  // How long a claimed reply is this instance's (core::Store::ClaimTimers): longer than a turn's
  // deadline, so another instance takes over only one that died.
  base::Duration lease = std::chrono::minutes{2};
};

class ReplyPool {
 public:
  using Log = std::function<void(std::string_view)>;
  // Borrowed references must outlive the pool. REQUIRES: settings.workers >= 1.
  ReplyPool(core::Store& store, Engine& engine, const base::Clock& clock,
            ReplyPoolSettings settings, Log log, base::Metrics& metrics);
  ~ReplyPool();  // Stop()
  ReplyPool(const ReplyPool&) = delete;
  ReplyPool& operator=(const ReplyPool&) = delete;

  // Starts the dispatcher and the workers. Call once.
  void Start();
  // A reply may have come due: look now.
  void Wake();
  // Lets the replies in flight finish, then joins every thread; replies not started stay due in
  // the store. Idempotent.
  void Stop();

 private:
  bool Dispatch();
  void Work();
  struct Counters;

  core::Store& store_;
  Engine& engine_;
  const base::Clock& clock_;
  const ReplyPoolSettings settings_;
  Log log_;
  std::unique_ptr<Counters> counters_;
  std::mutex mutex_;
  std::condition_variable work_;                      // a reply was queued, or stopping
  std::deque<core::DueTimer> queue_;                  // guarded by mutex_
  std::set<std::int64_t> in_flight_;                  // conversations queued or answered; mutex_
  std::map<std::int64_t, base::TimePoint> retry_at_;  // failed, not before; mutex_
  // Conversations answered since a dispatch began reading, by completion number: that read may
  // still list their settled timers. Guarded by mutex_.
  std::map<std::int64_t, std::uint64_t> finished_;
  std::uint64_t finish_count_ = 0;  // guarded by mutex_
  bool stopping_ = false;           // guarded by mutex_
  std::vector<std::thread> workers_;
  BackgroundLoop dispatcher_;  // last: its pass uses the members above
};

}  // namespace runtime
