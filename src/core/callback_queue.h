// The CallbackQueue port: the raw callbacks Meta posts to us (a channel's notifications of
// messages, echoes and receipts), stored durably before they are acknowledged. Duplicate
// callbacks are caught later, when their message is committed: a message's provider id is unique
// in its workspace (see core::Store::Commit).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/enums.h"

namespace core {

// One callback as received.
struct Callback {
  std::int64_t id = 0;
  Channel channel = Channel::kWhatsapp;
  std::string body;  // the raw bytes as received (their signature was checked)
  base::TimePoint received_at;
  int attempts = 0;  // processing attempts that failed so far
};

// The queue's callbacks by state.
struct CallbackDepth {
  std::int64_t due = 0;      // waiting to be processed now
  std::int64_t waiting = 0;  // to be tried again later
  std::int64_t parked = 0;   // kept for inspection
};

// Thread-safety: every method may be called from any thread. Errors as in core::Store.
class CallbackQueue {
 public:
  virtual ~CallbackQueue() = default;
  // Appends a callback; durable (survives a crash of the process) when it returns.
  virtual base::Result<std::int64_t> AppendCallback(Channel channel, std::string_view raw_body,
                                                    base::TimePoint received_at) = 0;
  // Callbacks not processed yet whose next attempt is due, oldest first, at most `limit`,
  // claimed by the caller until `lease_until`: on a queue several instances share, no other
  // instance gets them before then (nor after Finish, Retry or Park), and they are due again then
  // if the caller dies holding them. A queue one instance serves, read by one caller at a time
  // (the embedded one), hands them out again at the next call until they are finished.
  virtual base::Result<std::vector<Callback>> ClaimCallbacks(base::TimePoint now, std::size_t limit,
                                                             base::TimePoint lease_until) = 0;
  // The callbacks were processed: they are removed, in one transaction. kNotFound (nothing
  // removed) when one of them is not in the queue.
  virtual base::Status FinishCallbacks(std::span<const std::int64_t> ids) = 0;
  // The caller gives back callbacks it claimed and did not process (its pass failed half-way):
  // due again at once, to any instance, with no attempt counted. Ids no longer in the queue are
  // skipped. On the embedded queue, which records no claim, nothing changes.
  virtual base::Status ReleaseCallbacks(std::span<const std::int64_t> ids) = 0;
  // Processing failed (or must wait, e.g. an echo awaiting our own send): try again at `at`.
  virtual base::Status RetryCallback(std::int64_t id, base::TimePoint at) = 0;
  // Keeps a callback that cannot be processed (no workspace has its account) for inspection: it
  // is no longer pending.
  virtual base::Status ParkCallback(std::int64_t id, const std::string& reason) = 0;
  // How many callbacks are in the queue, by state at `now` (for the queue-depth gauges).
  virtual base::Result<CallbackDepth> MeasureCallbacks(base::TimePoint now) = 0;
};

}  // namespace core
