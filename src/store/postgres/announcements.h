// core::Announcements on PostgreSQL: NOTIFY through the pool (announcement_payload.h), heard
// through LISTEN on a connection of the listener's own, outside the pool. An instance does not
// hear its own payloads.
//
// Thread-safety: as core::Announcements.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "core/announcements.h"
#include "store/postgres/pool.h"

namespace store::postgres {

class Announcements final : public core::Announcements {
 public:
  // Announces through `pool`'s connections under its origin; listens on a connection of
  // its own to `pool`'s database. `pool` must outlive it.
  explicit Announcements(Pool& pool);
  ~Announcements() override;

  base::Status Announce(const core::Announcement& announcement) override;
  // Returns once the listener listens (what is announced from then on is heard), or failed to
  // connect a first time (it keeps trying, and says `missed` once it listens).
  void Listen(std::function<void(const core::Announcement&)> heard,
              std::function<void()> missed) override;
  void StopListening() override;

 private:
  // The listener's thread: connects, LISTENs (setting `first_try` once the first attempt is
  // over) and hands over what it hears until stopped; when the connection breaks, connects again
  // and says so.
  void Run(std::promise<void>& first_try);
  // Waits until the listener's connection has input, or `timeout_ms` passed, or it is stopped:
  // false once stopped.
  bool Wait(int socket, int timeout_ms);

  Pool& pool_;
  int wake_;          // an eventfd: written to stop the listener
  std::mutex mutex_;  // serializes Listen and StopListening
  std::atomic<bool> stopping_ = false;
  std::function<void(const core::Announcement&)> heard_;
  std::function<void()> missed_;
  std::thread listener_;
};

}  // namespace store::postgres
