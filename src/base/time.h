// Points in time and durations, at millisecond precision, always UTC.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace base {

using Duration = std::chrono::milliseconds;
using TimePoint = std::chrono::sys_time<Duration>;

inline std::int64_t ToMillis(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromMillis(std::int64_t ms) { return TimePoint{Duration{ms}}; }

// Parses "500ms", "30s", "16m", "2h", "1d" and sums such as "1h30m". A bare "0" is zero.
// Returns kInvalidArgument, naming the text, for anything else (negative, empty, overflow).
Result<Duration> ParseDuration(std::string_view text);

// The shortest exact form ParseDuration reads back: "15m", "2s", "1h30m", "0s".
std::string FormatDuration(Duration d);

// ISO 8601 in UTC with milliseconds: "2026-11-20T09:30:00.000Z".
std::string FormatTime(TimePoint t);

}  // namespace base
