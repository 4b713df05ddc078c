// How long to wait before trying again: exponential in the attempts made, within bounds.
#pragma once

#include <algorithm>

#include "base/time.h"

namespace base {

// `first` after the first failed attempt, doubling with each further one, never more than `max`
// (nor less than `first`). `attempts` counts the failed attempts before this one (0 for the first
// retry); any count is safe.
inline Duration ExponentialBackoff(Duration first, Duration max, int attempts) {
  constexpr int kMaxShift = 30;  // 2^30 times any first delay is past every max used here
  const int shift = std::clamp(attempts, 0, kMaxShift);
  const Duration exponential = std::min(max, Duration{first.count() << shift});
  return std::max(exponential, first);
}

}  // namespace base
