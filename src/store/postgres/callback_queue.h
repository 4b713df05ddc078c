// The core::CallbackQueue of instances sharing a PostgreSQL database: Meta's raw callbacks in the
// `callbacks` table (the bytes as received, in a bytea). A claim locks the due callbacks it takes
// (FOR UPDATE SKIP LOCKED: instances claim different callbacks without waiting for each other)
// and moves their next attempt to the lease's end in the instance's name, so a callback an
// instance dies holding is due again then.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include "core/callback_queue.h"
#include "store/postgres/pool.h"

namespace store::postgres {

class CallbackQueue final : public core::CallbackQueue {
 public:
  // `pool` is borrowed and must outlive the queue.
  explicit CallbackQueue(Pool& pool) : pool_(pool) {}

  base::Result<std::int64_t> AppendCallback(core::Channel channel, std::string_view raw_body,
                                            base::TimePoint received_at) override;
  base::Result<std::vector<core::Callback>> ClaimCallbacks(base::TimePoint now, std::size_t limit,
                                                           base::TimePoint lease_until) override;
  base::Status FinishCallbacks(std::span<const std::int64_t> ids) override;
  base::Status ReleaseCallbacks(std::span<const std::int64_t> ids) override;
  base::Status RetryCallback(std::int64_t id, base::TimePoint at) override;
  base::Status ParkCallback(std::int64_t id, const std::string& reason) override;
  base::Result<core::CallbackDepth> MeasureCallbacks(base::TimePoint now) override;

 private:
  Pool& pool_;
};

}  // namespace store::postgres
