#include "base/time.h"

#include <cstdio>
#include <limits>

namespace base {
namespace {

struct Unit {
  std::string_view suffix;
  std::int64_t millis;
};

// Longest suffix first so "ms" is not read as "m" followed by garbage.
constexpr Unit kUnits[] = {
    {"ms", 1}, {"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}};

}  // namespace

Result<Duration> ParseDuration(std::string_view text) {
  const auto bad = [&] {
    return Error::InvalidArgument("invalid duration '" + std::string(text) +
                                  "': use a number with ms, s, m, h or d, such as 30s or 16m");
  };
  if (text == "0") return Duration{0};
  if (text.empty()) return bad();
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t number = 0;
    const std::size_t digits_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (number > std::numeric_limits<std::int64_t>::max() / 10 - 9) return bad();
      number = number * 10 + (text[i] - '0');
      ++i;
    }
    if (i == digits_start) return bad();
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
      if (text.substr(i).starts_with(u.suffix)) {
        unit = &u;
        break;
      }
    }
    if (unit == nullptr) return bad();
    i += unit->suffix.size();
    if (number > (std::numeric_limits<std::int64_t>::max() - total) / unit->millis) return bad();
    total += number * unit->millis;
  }
  return Duration{total};
}

std::string FormatDuration(Duration d) {
  std::int64_t ms = d.count();
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) {
    out = "-";
    ms = -ms;
  }
  for (const Unit& u : {kUnits[1], kUnits[2], kUnits[3], kUnits[4], kUnits[0]}) {
    if (ms >= u.millis) {
      out += std::to_string(ms / u.millis);
      out += u.suffix;
      ms %= u.millis;
    }
  }
  return out;
}

std::string FormatTime(TimePoint t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{t - days};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long long>(hms.hours().count()),
                static_cast<long long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()),
                static_cast<long long>(hms.subseconds().count()));
  return buf;
}

}  // namespace base
