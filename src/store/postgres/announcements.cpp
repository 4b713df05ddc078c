#include "store/postgres/announcements.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <future>
#include <utility>

#include "store/postgres/announcement_payload.h"

namespace store::postgres {
namespace {

// How long the listener waits before connecting again after it lost the database.
constexpr int kReconnectMs = 1000;
// How often a listener with nothing to read looks at its connection anyway.
constexpr int kIdleCheckMs = 5000;

}  // namespace

Announcements::Announcements(Pool& pool)
    : pool_(pool), wake_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

Announcements::~Announcements() {
  StopListening();
  if (wake_ >= 0) close(wake_);
}

base::Status Announcements::Announce(const core::Announcement& announcement) {
  return pool_.Writing([&](Connection& db) { return Notify(db, pool_.origin(), announcement); });
}

void Announcements::Listen(std::function<void(const core::Announcement&)> heard,
                           std::function<void()> missed) {
  StopListening();
  std::lock_guard lock(mutex_);
  heard_ = std::move(heard);
  missed_ = std::move(missed);
  stopping_ = false;
  std::uint64_t drained = 0;
  (void)!read(wake_, &drained, sizeof drained);  // a stop of before is no stop of this one
  std::promise<void> first_try;
  std::future<void> tried = first_try.get_future();
  listener_ = std::thread([this, first = std::move(first_try)]() mutable { Run(first); });
  tried.wait();
}

void Announcements::StopListening() {
  std::lock_guard lock(mutex_);
  if (!listener_.joinable()) return;
  stopping_ = true;
  const std::uint64_t one = 1;
  (void)!write(wake_, &one, sizeof one);
  listener_.join();
}

bool Announcements::Wait(int socket, int timeout_ms) {
  std::array<pollfd, 2> fds = {{{wake_, POLLIN, 0}, {socket, POLLIN, 0}}};
  const nfds_t count = socket >= 0 ? 2 : 1;
  (void)poll(fds.data(), count, timeout_ms);
  return !stopping_;
}

void Announcements::Run(std::promise<void>& first_try) {
  bool first = true;
  while (!stopping_) {
    auto db = Connection::Open(pool_.conninfo());
    const bool listening = db.ok() && (*db)->Execute(kListenToAnnouncements).ok();
    if (first) first_try.set_value();
    // Whatever was announced while no connection listened is lost to this instance's streams.
    if (listening && !first) missed_();
    first = false;
    if (!listening) {
      if (!Wait(-1, kReconnectMs)) return;
      continue;
    }
    pg_conn* handle = (*db)->handle();
    while (Wait(PQsocket(handle), kIdleCheckMs)) {
      if (PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK) break;
      while (PGnotify* notify = PQnotifies(handle)) {
        std::optional<HeardPayload> heard = DecodeAnnouncement(notify->extra);
        PQfreemem(notify);
        if (heard && heard->origin != pool_.origin()) heard_(heard->announcement);
      }
    }
  }
}

}  // namespace store::postgres
