#include "channels/query_string.h"

#include <utility>

namespace channels {
namespace {

constexpr int kHexBase = 16;
constexpr int kDecimalDigits = 10;
constexpr std::size_t kEscapeLength = 3;  // "%XX"

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + kDecimalDigits;
  if (c >= 'A' && c <= 'F') return c - 'A' + kDecimalDigits;
  return -1;
}

std::optional<std::string> Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + kEscapeLength > text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * kHexBase + low);
      i += kEscapeLength - 1;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<std::vector<QueryParameter>> ParseQuery(std::string_view raw_query) {
  if (!raw_query.empty() && raw_query.front() == '?') raw_query.remove_prefix(1);
  std::vector<QueryParameter> out;
  while (!raw_query.empty()) {
    const auto amp = raw_query.find('&');
    const std::string_view piece = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view() : raw_query.substr(amp + 1);
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    auto name = Decode(piece.substr(0, eq));
    auto value = Decode(eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1));
    if (!name || !value) return std::nullopt;
    out.push_back({std::move(*name), std::move(*value)});
  }
  return out;
}

}  // namespace channels
