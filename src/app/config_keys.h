// The keys of the serve config (serve_config.h) and the readers of their values, shared by the
// lists of keys (serve_config.cpp; llm_keys.h for [llm]).
// Thread-safety: pure functions.
#pragma once

#include <charconv>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"

namespace app {

struct ServeConfig;

// One key "section.name", also read from the environment as FRONTDESK_SECTION_NAME. `apply` reads
// the value as text: the variable's text, or what a TOML string, number or boolean becomes; an
// `object` key's value is a JSON object, which is what a TOML table becomes. Returns the error's
// text (the caller adds where and which key), or nullopt once the value is applied.
struct ConfigKey {
  std::string_view section;
  std::string_view name;
  std::function<std::optional<std::string>(ServeConfig&, const std::string&)> apply;
  bool object = false;
};

// A whole number in [min, max] into `out` (any integer field); the error's text otherwise.
template <typename Int>
std::optional<std::string> ParseCount(const std::string& text, std::size_t min, std::size_t max,
                                      Int& out) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  }
  out = static_cast<Int>(value);
  return std::nullopt;
}

// A duration in base::ParseDuration's syntax ("20s", "1m30s"), longer than 0.
std::optional<std::string> ParsePositiveDuration(const std::string& text, base::Duration& out);

// "true" or "false".
std::optional<std::string> ParseSwitch(const std::string& text, bool& out);

// A number in [min, max] ("0.2", "2.5", "10").
std::optional<std::string> ParseDecimal(const std::string& text, double min, double max,
                                        double& out);

// A number as short as it reads back exactly, never in exponent form ("0.15", "1000000").
std::string FormatDecimal(double value);

}  // namespace app
