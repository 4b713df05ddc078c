#include "text/quantities.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "text/tokenizer.h"

namespace text {
namespace {

namespace chr = std::chrono;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A byte of a multi-byte UTF-8 letter ("é"): a number glued to it is part of a word too.
bool IsWordByte(char c) { return IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80; }

// The currency signs that are not letters, in UTF-8.
constexpr std::string_view kSigns[] = {"€", "£", "¥"};

// Whether a letter (not a currency sign) ends right before `at`, or starts at `at`.
bool LetterBefore(std::string_view s, std::size_t at) {
  if (at == 0 || !IsWordByte(s[at - 1])) return false;
  for (std::string_view sign : kSigns) {
    if (s.substr(0, at).ends_with(sign)) return false;
  }
  return true;
}
bool LetterAt(std::string_view s, std::size_t at) {
  if (at >= s.size() || !IsWordByte(s[at])) return false;
  for (std::string_view sign : kSigns) {
    if (s.substr(at).starts_with(sign)) return false;
  }
  return true;
}

// A number found in the text: where it is and what it is worth.
struct NumberAt {
  std::size_t begin = 0;
  std::size_t end = 0;  // past the number and its multiplier suffix
  double value = 0;
  bool whole = true;
};

// The value of a run of digits and separators ("1.299,00", "1,200", "12.5"), or nullopt when the
// separators make no number ("1.2.3,4,5").
std::optional<std::pair<double, bool>> ValueOf(std::string_view run) {
  std::string digits;
  std::size_t last_dot = run.rfind('.');
  std::size_t last_comma = run.rfind(',');
  char decimal = 0;
  if (last_dot != std::string_view::npos && last_comma != std::string_view::npos) {
    decimal = last_dot > last_comma ? '.' : ',';
  } else if (last_dot != std::string_view::npos || last_comma != std::string_view::npos) {
    const char sep = last_dot != std::string_view::npos ? '.' : ',';
    const std::size_t at = sep == '.' ? last_dot : last_comma;
    const bool once = run.find(sep) == at;
    // "1,200" and "1.200" group thousands; "1,5", "12.50" and "0.125" have decimals.
    const bool thousands = once && run.size() - at - 1 == 3 && run.substr(0, at) != "0";
    if (once && !thousands) decimal = sep;
  }
  std::string whole;
  std::string fraction;
  bool after_decimal = false;
  for (std::size_t i = 0; i < run.size(); ++i) {
    const char c = run[i];
    if (IsDigit(c)) {
      (after_decimal ? fraction : whole) += c;
    } else if (c == decimal && !after_decimal) {
      after_decimal = true;
    } else if (c == ' ' || c == '.' || c == ',') {
      // A thousands separator groups exactly three digits.
      std::size_t n = 0;
      while (i + 1 + n < run.size() && IsDigit(run[i + 1 + n])) ++n;
      if (n != 3) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (whole.empty()) whole = "0";
  if (whole.size() > 15) return std::nullopt;  // beyond what a double holds exactly
  double value = std::stod(whole);
  if (!fraction.empty()) value += std::stod("0." + fraction);
  return std::pair{value, fraction.find_first_not_of('0') == std::string::npos};
}

// Multipliers written after a number: "3k", "2 mil", "1.5 million".
std::optional<std::pair<double, std::size_t>> MultiplierAt(std::string_view s, std::size_t at) {
  std::size_t i = at;
  if (i < s.size() && s[i] == ' ') ++i;
  std::size_t end = i;
  while (end < s.size() && IsWordByte(s[end])) ++end;
  if (end == i) return std::nullopt;
  const std::vector<std::string> words = Words(s.substr(i, end - i));
  if (words.size() != 1) return std::nullopt;
  const std::string& w = words[0];
  if (w == "k" && i == at) return std::pair{1e3, end};  // "3k", not "3 k"
  if (w == "thousand" || w == "mil") return std::pair{1e3, end};
  if (w == "million" || w == "millions" || w == "millon" || w == "millones" || w == "milhao" ||
      w == "milhoes") {
    return std::pair{1e6, end};
  }
  return std::nullopt;
}

// True when three digits start at `at` and no fourth follows: a group after a thousands space.
bool IsGroupOfThree(std::string_view s, std::size_t at) {
  for (std::size_t i = at; i < at + 3; ++i) {
    if (i >= s.size() || !IsDigit(s[i])) return false;
  }
  return at + 3 == s.size() || !IsDigit(s[at + 3]);
}

// Every number of `s`, in order, with the runs that are dates, times or parts of words left out.
std::vector<NumberAt> Numbers(std::string_view s) {
  std::vector<NumberAt> found;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!IsDigit(s[i]) || (i > 0 && IsDigit(s[i - 1])) || LetterBefore(s, i)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < s.size()) {
      if (IsDigit(s[end])) {
        ++end;
      } else if ((s[end] == '.' || s[end] == ',' || s[end] == ' ') && end + 1 < s.size() &&
                 IsDigit(s[end + 1]) && (s[end] != ' ' || IsGroupOfThree(s, end + 1))) {
        ++end;
      } else {
        break;
      }
    }
    const char next = end < s.size() ? s[end] : ' ';
    const bool part_of_other = next == '/' || next == ':' || next == '-' ||
                               (i > 0 && (s[i - 1] == '/' || s[i - 1] == ':' || s[i - 1] == '-'));
    const auto value = part_of_other ? std::nullopt : ValueOf(s.substr(i, end - i));
    if (value) {
      NumberAt n{i, end, value->first, value->second};
      if (const auto multiplier = MultiplierAt(s, end)) {
        n.value *= multiplier->first;
        n.end = multiplier->second;
        n.whole = std::floor(n.value) == n.value;
      } else if (LetterAt(s, end)) {
        i = end;  // "4x", "10speed": a code or a word, not a number
        continue;
      }
      found.push_back(n);
    }
    i = std::max(end, i + 1);
    while (i < s.size() && (IsDigit(s[i]) || s[i] == '/' || s[i] == ':' || s[i] == '-')) ++i;
  }
  return found;
}

// `value` as text: whole, or with `decimals` places (trailing zeros dropped unless `keep_zeros`).
std::string Canonical(double value, bool whole, int decimals, bool keep_zeros) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", whole ? 0 : decimals, value);
  std::string text = buffer;
  if (!whole && !keep_zeros) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

// Currencies by what people write: symbols, ISO codes and names (folded).
struct CurrencyName {
  std::string_view written;
  std::string_view code;
};
constexpr std::array kSymbols = {
    CurrencyName{"US$", "USD"}, CurrencyName{"R$", "BRL"},  CurrencyName{"MX$", "MXN"},
    CurrencyName{"€", "EUR"},   CurrencyName{"£", "GBP"},   CurrencyName{"$", "USD"},
    CurrencyName{"¥", "JPY"},   CurrencyName{"CHF", "CHF"},
};
constexpr std::array kCodes = {"USD", "EUR", "GBP", "BRL", "MXN", "ARS", "COP",
                               "CLP", "PEN", "CAD", "AUD", "CHF", "JPY", "UYU"};
constexpr std::array kCurrencyWords = {
    CurrencyName{"dollars", "USD"}, CurrencyName{"dollar", "USD"}, CurrencyName{"dolares", "USD"},
    CurrencyName{"dolar", "USD"},   CurrencyName{"euros", "EUR"},  CurrencyName{"euro", "EUR"},
    CurrencyName{"reais", "BRL"},   CurrencyName{"real", "BRL"},   CurrencyName{"pounds", "GBP"},
    CurrencyName{"libras", "GBP"},  CurrencyName{"pesos", "MXN"},  CurrencyName{"bucks", "USD"},
    CurrencyName{"usd", "USD"},     CurrencyName{"eur", "EUR"},    CurrencyName{"brl", "BRL"},
    CurrencyName{"gbp", "GBP"},     CurrencyName{"mxn", "MXN"},
};

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The currency written right before `at` ("R$ 45", "EUR 45").
std::string_view CurrencyBefore(std::string_view s, std::size_t at) {
  std::string_view before = s.substr(0, at);
  if (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  for (const CurrencyName& c : kSymbols) {
    if (EndsWith(before, c.written)) return c.code;
  }
  for (std::string_view code : kCodes) {
    if (EndsWith(before, code) && (before.size() == 3 || !IsWordByte(before[before.size() - 4]))) {
      return code;
    }
  }
  return {};
}

// The currency written right after `at` ("45 €", "45 euros", "45EUR").
std::string_view CurrencyAfter(std::string_view s, std::size_t at) {
  std::string_view after = s.substr(at);
  if (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  for (const CurrencyName& c : kSymbols) {
    if (after.starts_with(c.written) && c.written != "$") return c.code;
  }
  if (after.starts_with("$")) return "USD";
  std::size_t end = 0;
  while (end < after.size() && IsWordByte(after[end])) ++end;
  const std::vector<std::string> words = Words(after.substr(0, end));
  if (words.size() != 1) return {};
  for (const CurrencyName& c : kCurrencyWords) {
    if (words[0] == c.written) return c.code;
  }
  return {};
}

// --- Dates -----------------------------------------------------------------------------------

constexpr std::array<std::array<std::string_view, 12>, 3> kMonths = {{
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"},
    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"},
    {"janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
     "outubro", "novembro", "dezembro"},
}};
constexpr std::array<std::string_view, 12> kMonthAbbreviations = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

std::optional<unsigned> MonthOf(const std::string& word) {
  for (const auto& names : kMonths) {
    for (unsigned m = 0; m < 12; ++m) {
      if (word == names[m]) return m + 1;
    }
  }
  for (unsigned m = 0; m < 12; ++m) {
    if (word == kMonthAbbreviations[m] || (word == "sept" && m == 8)) return m + 1;
  }
  return std::nullopt;
}

// Monday is 1 ... Sunday 7, as chr::weekday::iso_encoding.
std::optional<unsigned> WeekdayOf(const std::string& word) {
  static constexpr std::array<std::array<std::string_view, 7>, 3> kDays = {{
      {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"},
      {"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"},
      {"segunda", "terca", "quarta", "quinta", "sexta", "sabado", "domingo"},
  }};
  for (const auto& names : kDays) {
    for (unsigned d = 0; d < 7; ++d) {
      if (word == names[d]) return d + 1;
    }
  }
  return std::nullopt;
}

std::optional<unsigned> SmallNumber(const std::string& word, unsigned max) {
  std::size_t digits = 0;
  while (digits < word.size() && IsDigit(word[digits])) ++digits;
  if (digits == 0 || digits > 2) return std::nullopt;
  const std::string_view suffix = std::string_view(word).substr(digits);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th" &&
      suffix != "o" && suffix != "de") {
    return std::nullopt;
  }
  const unsigned n = static_cast<unsigned>(std::stoi(word.substr(0, digits)));
  return n >= 1 && n <= max ? std::optional(n) : std::nullopt;
}

std::optional<int> YearOf(const std::string& word) {
  if (word.size() != 4 || !std::all_of(word.begin(), word.end(), IsDigit)) return std::nullopt;
  const int year = std::stoi(word);
  return year >= 1900 && year <= 2200 ? std::optional(year) : std::nullopt;
}

std::string Iso(chr::year_month_day d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

// The date of day/month, in `year` or (without one) the next on or after `today`.
std::optional<std::string> DateOf(unsigned day, unsigned month, std::optional<int> year,
                                  chr::year_month_day today) {
  chr::year_month_day d{chr::year{year.value_or(static_cast<int>(today.year()))}, chr::month{month},
                        chr::day{day}};
  if (!year && d.ok() && chr::sys_days{d} < chr::sys_days{today}) d = d + chr::years{1};
  if (!year && !d.ok()) d = d + chr::years{1};  // 29 February of the next leap year, at most
  if (!d.ok()) return std::nullopt;
  return Iso(d);
}

int FullYear(int year) { return year < 100 ? 2000 + year : year; }

// "2027-03-15", "15/03/2027", "3/15/27", "15.03.2027", "15/03".
std::optional<std::string> NumericDate(std::string_view s, chr::year_month_day today,
                                       DateOrder order) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!IsDigit(s[i]) || (i > 0 && (IsDigit(s[i - 1]) || IsWordByte(s[i - 1])))) continue;
    std::vector<std::string> parts{""};
    char separator = 0;
    std::size_t end = i;
    for (; end < s.size(); ++end) {
      const char c = s[end];
      if (IsDigit(c)) {
        parts.back() += c;
      } else if ((c == '/' || c == '-' || c == '.') && (separator == 0 || c == separator) &&
                 end + 1 < s.size() && IsDigit(s[end + 1]) && parts.size() < 3) {
        separator = c;
        parts.emplace_back();
      } else {
        break;
      }
    }
    if (parts.size() < 2 || (end < s.size() && IsWordByte(s[end]))) continue;
    if (parts.size() == 2 && separator != '/') continue;  // "1.5" and "3-4" are no dates
    if (parts.size() == 3 && parts[0].size() == 4 && separator == '-') {
      const chr::year_month_day d{chr::year{std::stoi(parts[0])},
                                  chr::month{static_cast<unsigned>(std::stoi(parts[1]))},
                                  chr::day{static_cast<unsigned>(std::stoi(parts[2]))}};
      if (d.ok()) return Iso(d);
      continue;
    }
    if (parts[0].size() > 2 || parts[1].size() > 2) continue;
    if (parts.size() == 3 && parts[2].size() != 2 && parts[2].size() != 4) continue;
    unsigned a = static_cast<unsigned>(std::stoi(parts[0]));
    unsigned b = static_cast<unsigned>(std::stoi(parts[1]));
    // The part over 12 is the day; when neither is, `order` says.
    const bool month_first = b > 12 || (a <= 12 && order == DateOrder::kMonthFirst);
    if (month_first) std::swap(a, b);
    std::optional<int> year;
    if (parts.size() == 3) year = FullYear(std::stoi(parts[2]));
    if (auto date = DateOf(a, b, year, today)) return date;
  }
  return std::nullopt;
}

// "15 March 2027", "March 15th, 2027", "15 de marzo", "in March", "hoy", "el lunes".
std::optional<std::string> WordDate(std::string_view s, chr::year_month_day today) {
  std::vector<std::string> w;
  for (const Token& t : Tokenize(s)) {
    if (t.kind != TokenKind::kBreak) w.push_back(t.text);
  }
  const auto at = [&](std::size_t i) -> const std::string& {
    static const std::string kNone;
    return i < w.size() ? w[i] : kNone;
  };
  const chr::sys_days now{today};
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == "today" || w[i] == "hoy" || w[i] == "hoje") return Iso(today);
    if (w[i] == "tomorrow" || w[i] == "amanha" ||
        (w[i] == "manana" && (i == 0 || (w[i - 1] != "la" && w[i - 1] != "por")))) {
      return Iso(chr::year_month_day{now + chr::days{1}});
    }
    if (const auto month = MonthOf(w[i])) {
      // "may" is a verb too: only with a day or a year beside it.
      const bool bare_may = w[i] == "may";
      const std::size_t after = at(i + 1) == "de" || at(i + 1) == "of" ? i + 2 : i + 1;
      // Day before: "15 March", "15 de marzo", "15th of March".
      std::optional<unsigned> day;
      if (i >= 1) day = SmallNumber(at(i - 1), 31);
      if (!day && i >= 2 && (at(i - 1) == "de" || at(i - 1) == "of")) {
        day = SmallNumber(at(i - 2), 31);
      }
      std::size_t year_at = after;
      if (!day) {  // day after: "March 15", "March 15th, 2027"
        day = SmallNumber(at(i + 1), 31);
        if (day) year_at = at(i + 2) == "de" || at(i + 2) == "of" ? i + 3 : i + 2;
      }
      const std::optional<int> year = YearOf(at(year_at));
      if (day) {
        if (auto date = DateOf(*day, *month, year, today)) return date;
        continue;
      }
      if (bare_may && !year) continue;
      int y = year.value_or(static_cast<int>(today.year()));
      if (!year && *month < static_cast<unsigned>(today.month())) ++y;
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "%04d-%02u", y, *month);
      return std::string(buffer);
    }
    if (const auto weekday = WeekdayOf(w[i])) {
      // Portuguese weekdays are ordinals too ("a segunda opção"): only with "feira" or a
      // preposition before it.
      const bool ordinal_word = w[i] == "segunda" || w[i] == "terca" || w[i] == "quarta" ||
                                w[i] == "quinta" || w[i] == "sexta";
      if (ordinal_word && at(i + 1) != "feira" &&
          !(i > 0 && (w[i - 1] == "na" || w[i - 1] == "ate" || w[i - 1] == "proxima"))) {
        continue;
      }
      const unsigned from = chr::weekday{now}.iso_encoding();
      const unsigned ahead = (*weekday + 7 - from) % 7;
      return Iso(chr::year_month_day{now + chr::days{ahead == 0 ? 7 : ahead}});
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FindNumber(std::string_view s) {
  const auto numbers = Numbers(s);
  if (numbers.empty()) return std::nullopt;
  return Canonical(numbers.front().value, numbers.front().whole, 4, false);
}

std::optional<std::string> FindAmount(std::string_view s) {
  const auto numbers = Numbers(s);
  if (numbers.empty()) return std::nullopt;
  for (const NumberAt& n : numbers) {
    std::string_view code = CurrencyBefore(s, n.begin);
    if (code.empty()) code = CurrencyAfter(s, n.end);
    if (!code.empty()) return Canonical(n.value, n.whole, 2, true) + " " + std::string(code);
  }
  return Canonical(numbers.front().value, numbers.front().whole, 2, true);
}

std::optional<std::string> FindDate(std::string_view s, chr::year_month_day today,
                                    DateOrder order) {
  if (auto date = NumericDate(s, today, order)) return date;
  return WordDate(s, today);
}

}  // namespace text
