#include "app/config_keys.h"

#include <cstdlib>

namespace app {

std::optional<std::string> ParsePositiveDuration(const std::string& text, base::Duration& out) {
  auto d = base::ParseDuration(text);
  if (!d.ok()) return d.error().message;
  if (d->count() <= 0) return "must be longer than 0s";
  out = *d;
  return std::nullopt;
}

std::optional<std::string> ParseSwitch(const std::string& text, bool& out) {
  if (text != "true" && text != "false") return "must be true or false";
  out = text == "true";
  return std::nullopt;
}

std::optional<std::string> ParseDecimal(const std::string& text, double min, double max,
                                        double& out) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(value >= min && value <= max)) {
    return "must be a number from " + FormatDecimal(min) + " to " + FormatDecimal(max);
  }
  out = value;
  return std::nullopt;
}

std::string FormatDecimal(double value) {
  constexpr std::size_t kEnough = 400;  // the longest fixed form of a double
  char buffer[kEnough];
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

}  // namespace app
