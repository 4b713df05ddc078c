// The Inbox port: raw webhook deliveries, stored durably before they are acknowledged.
// Duplicate deliveries are caught later, when their message is committed: a message's provider
// id is unique in its workspace (see core::Store::Commit).
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

struct InboxItem {
  std::int64_t id = 0;
  Channel channel = Channel::kWhatsapp;
  std::string body;  // the raw bytes as received (their signature was checked)
  base::TimePoint received_at;
  int attempts = 0;  // processing attempts that failed so far
};

// The inbox's deliveries by state.
struct InboxDepth {
  std::int64_t due = 0;      // waiting to be processed now
  std::int64_t waiting = 0;  // to be tried again later
  std::int64_t parked = 0;   // kept for inspection
};

// Thread-safety: every method may be called from any thread. Errors as in core::Store.
class Inbox {
 public:
  virtual ~Inbox() = default;
  // Appends a delivery; durable (survives a crash of the process) when it returns.
  virtual base::Result<std::int64_t> AppendInbox(Channel channel, std::string_view raw_body,
                                                 base::TimePoint received_at) = 0;
  // Deliveries not processed yet whose next attempt is due, oldest first, at most `limit`.
  virtual base::Result<std::vector<InboxItem>> PendingInbox(base::TimePoint now,
                                                            std::size_t limit) = 0;
  // The deliveries were processed: they are removed, in one transaction. kNotFound (nothing
  // removed) when one of them is not in the inbox.
  virtual base::Status FinishInbox(std::span<const std::int64_t> ids) = 0;
  // Processing failed (or must wait, e.g. an echo awaiting our own send): try again at `at`.
  virtual base::Status RetryInbox(std::int64_t id, base::TimePoint at) = 0;
  // Keeps a delivery that cannot be processed (no workspace has its account) for inspection: it
  // is no longer pending.
  virtual base::Status ParkInbox(std::int64_t id, const std::string& reason) = 0;
  // How many deliveries are in the inbox, by state at `now` (for the queue-depth gauges).
  virtual base::Result<InboxDepth> MeasureInbox(base::TimePoint now) = 0;
};

}  // namespace core
