#include "http/parameters.h"

#include "base/strings.h"

namespace http {
namespace {

// RFC 9110 tchar.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Reads the longest run of token characters (and '/' when `slash`) at `pos`.
std::string_view Token(std::string_view s, std::size_t& pos, bool slash) {
  const std::size_t start = pos;
  while (pos < s.size() && (IsTokenChar(s[pos]) || (slash && s[pos] == '/'))) ++pos;
  return s.substr(start, pos - start);
}

void SkipSpaces(std::string_view s, std::size_t& pos) {
  while (pos < s.size() && IsSpace(s[pos])) ++pos;
}

// A quoted string starting at `pos` (on its opening quote), unescaped; nullopt when unterminated
// or holding a control character.
std::optional<std::string> Quoted(std::string_view s, std::size_t& pos) {
  std::string out;
  for (++pos; pos < s.size(); ++pos) {
    char c = s[pos];
    if (c == '"') {
      ++pos;
      return out;
    }
    if (c == '\\') {
      if (++pos == s.size()) return std::nullopt;
      c = s[pos];
    }
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) return std::nullopt;
    out += c;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ParameterizedValue::Parameter(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<ParameterizedValue> ParseParameterized(std::string_view s) {
  ParameterizedValue out;
  std::size_t pos = 0;
  SkipSpaces(s, pos);
  out.value = base::AsciiLower(Token(s, pos, /*slash=*/true));
  if (out.value.empty()) return std::nullopt;
  SkipSpaces(s, pos);
  while (pos < s.size()) {
    if (s[pos] != ';') return std::nullopt;
    ++pos;
    SkipSpaces(s, pos);
    if (pos == s.size()) break;  // a trailing ';' is harmless
    std::string name = base::AsciiLower(Token(s, pos, /*slash=*/false));
    if (name.empty() || pos == s.size() || s[pos] != '=' || out.Parameter(name)) {
      return std::nullopt;
    }
    ++pos;
    std::string value;
    if (pos < s.size() && s[pos] == '"') {
      auto quoted = Quoted(s, pos);
      if (!quoted) return std::nullopt;
      value = std::move(*quoted);
    } else {
      value = std::string(Token(s, pos, /*slash=*/false));
      if (value.empty()) return std::nullopt;
    }
    out.parameters.emplace_back(std::move(name), std::move(value));
    SkipSpaces(s, pos);
  }
  return out;
}

}  // namespace http
