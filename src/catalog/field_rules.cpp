#include "catalog/field_rules.h"

#include <charconv>
#include <limits>

#include "catalog/utf8.h"

namespace catalog {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

base::Error Invalid(std::string_view column, std::string_view value, std::string_view problem) {
  return base::Error::InvalidArgument(std::string(column) + " " + QuoteForMessage(value) + " " +
                                      std::string(problem));
}

}  // namespace

std::string QuoteForMessage(std::string_view value) {
  const std::string clean = SanitizeUtf8(value);
  std::string out = "'";
  std::size_t chars = 0;
  for (char c : clean) {
    if (!IsUtf8Continuation(c) && ++chars > kMaxQuotedValueChars) {
      out += "...";
      break;
    }
    out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
  out.push_back('\'');
  return out;
}

base::Result<std::string> ParsePrice(std::string_view value) {
  std::string_view digits = value;
  const bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  const std::size_t dot = digits.find('.');
  const bool well_formed = dot == std::string_view::npos ? AllDigits(digits)
                                                         : AllDigits(digits.substr(0, dot)) &&
                                                               AllDigits(digits.substr(dot + 1));
  if (!well_formed) {
    return Invalid("price", value, "is not a number (write it like 19.90 or 1200)");
  }
  if (negative) return Invalid("price", value, "is negative");
  return std::string(value);
}

base::Result<std::string> ParseCurrency(std::string_view value) {
  bool letters = value.size() == kCurrencyCodeLength;
  for (char c : value) letters = letters && IsAsciiLetter(c);
  if (!letters) return Invalid("currency", value, "is not a 3-letter code such as USD or EUR");
  std::string code(value);
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return code;
}

base::Result<std::int64_t> ParseStock(std::string_view value) {
  const bool negative = !value.empty() && value.front() == '-';
  const std::string_view digits = negative ? value.substr(1) : value;
  if (!AllDigits(digits)) return Invalid("stock", value, "is not a whole number");
  if (negative) return Invalid("stock", value, "is negative");
  std::int64_t units = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), units);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return Invalid(
        "stock", value,
        "is too large (at most " + std::to_string(std::numeric_limits<std::int64_t>::max()) + ")");
  }
  return units;
}

}  // namespace catalog
