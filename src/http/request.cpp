#include "http/request.h"

#include <array>

#include "base/strings.h"

namespace http {
namespace {

struct MethodName {
  Method method;
  std::string_view token;
};

constexpr std::array<MethodName, 8> kMethods{{{Method::kGet, "GET"},
                                              {Method::kHead, "HEAD"},
                                              {Method::kPost, "POST"},
                                              {Method::kPut, "PUT"},
                                              {Method::kPatch, "PATCH"},
                                              {Method::kDelete, "DELETE"},
                                              {Method::kOptions, "OPTIONS"},
                                              {Method::kOther, "OTHER"}}};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view ToString(Method method) {
  for (const MethodName& m : kMethods) {
    if (m.method == method) return m.token;
  }
  return "OTHER";
}

Method ParseMethod(std::string_view token) {
  for (const MethodName& m : kMethods) {
    if (m.token == token && m.method != Method::kOther) return m.method;
  }
  return Method::kOther;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::optional<std::string> FindHeader(const HeaderFields& fields, std::string_view name) {
  for (const HeaderField& f : fields) {
    if (EqualsIgnoreCase(f.name, name)) return f.value;
  }
  return std::nullopt;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return std::nullopt;
      out += decoded;
      i += 2;
    }
  }
  return out;
}

bool Request::SetTarget(std::string_view origin_form) {
  if (origin_form.empty() || origin_form.front() != '/') return false;
  const std::size_t question = origin_form.find('?');
  std::optional<std::string> decoded = PercentDecode(origin_form.substr(0, question));
  if (!decoded) return false;
  target = std::string(origin_form);
  path = std::move(*decoded);
  query = question == std::string_view::npos ? std::string()
                                             : std::string(origin_form.substr(question + 1));
  return true;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

std::optional<std::string> Request::Query(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    const std::optional<std::string> key = PercentDecode(pair.substr(0, eq), true);
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) return std::string();
    return PercentDecode(pair.substr(eq + 1), true);
  }
  return std::nullopt;
}

std::optional<std::string> Request::PathParam(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> Request::Cookies() const {
  std::vector<std::pair<std::string, std::string>> cookies;
  for (const HeaderField& f : headers) {
    if (!EqualsIgnoreCase(f.name, "Cookie")) continue;
    std::string_view rest = f.value;
    while (!rest.empty()) {
      const std::size_t semi = rest.find(';');
      const std::string_view pair = base::Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos || eq == 0) continue;
      std::string_view value = base::Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      cookies.emplace_back(std::string(base::Trim(pair.substr(0, eq))), std::string(value));
    }
  }
  return cookies;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  for (auto& [key, value] : Cookies()) {
    if (key == name) return std::move(value);
  }
  return std::nullopt;
}

}  // namespace http
