// The Clock port: the only source of "now". Production uses SystemClock; tests and the
// `frontdesk chat` simulation use FakeClock and move time explicitly.
#pragma once

#include <atomic>

#include "base/time.h"

namespace base {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// Wall-clock time. Thread-safe.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

// Time that moves only when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_ms_(ToMillis(start)) {}
  TimePoint Now() const override { return FromMillis(now_ms_.load()); }
  void Set(TimePoint t) { now_ms_.store(ToMillis(t)); }
  // REQUIRES: d >= 0 (time never runs backwards).
  void Advance(Duration d) { now_ms_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace base
