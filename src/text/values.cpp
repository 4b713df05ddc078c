#include "text/values.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "text/fold.h"
#include "text/stopwords.h"

namespace text {
namespace {

constexpr std::size_t kMinPhoneDigits = 7;
constexpr std::size_t kMaxPhoneDigits = 15;
constexpr std::size_t kMaxNameWords = 4;
constexpr std::size_t kMaxNameBytes = 80;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLocalChar(char c) {
  return IsAsciiAlpha(c) || IsDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(char c) { return IsAsciiAlpha(c) || IsDigit(c) || c == '.' || c == '-'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The email address around the '@' at `at`, if it is one.
std::optional<Span> EmailAt(std::string_view s, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && IsLocalChar(s[begin - 1])) --begin;
  while (begin < at && (s[begin] == '.' || s[begin] == '-')) ++begin;
  std::size_t end = at + 1;
  while (end < s.size() && IsDomainChar(s[end])) ++end;
  while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;
  if (begin == at || end == at + 1) return std::nullopt;
  const std::string_view domain = s.substr(at + 1, end - at - 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.front() == '-') return std::nullopt;
  const std::string_view top = domain.substr(dot + 1);
  if (top.size() < 2 || !std::all_of(top.begin(), top.end(), IsAsciiAlpha)) return std::nullopt;
  if (domain.find("..") != std::string_view::npos) return std::nullopt;
  return Span{begin, end};
}

std::optional<Span> FindEmailSpan(std::string_view s) {
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    if (auto span = EmailAt(s, at)) return span;
  }
  return std::nullopt;
}

bool IsPhoneSeparator(char c) { return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')'; }

// True for digits grouped as a date: 4-2-2 or 2-2-4 with one kind of separator ("2026-01-05").
bool LooksLikeDate(std::string_view run) {
  std::vector<std::size_t> groups;
  char separator = 0;
  std::size_t digits = 0;
  for (char c : run) {
    if (IsDigit(c)) {
      ++digits;
      continue;
    }
    if (c != '-' && c != '.') return false;
    if (separator != 0 && c != separator) return false;
    separator = c;
    groups.push_back(digits);
    digits = 0;
  }
  groups.push_back(digits);
  return groups == std::vector<std::size_t>{4, 2, 2} || groups == std::vector<std::size_t>{2, 2, 4};
}

struct PhoneMatch {
  Span span;
  std::string value;
};

// Phone numbers are looked for outside `skip` (the email address, whose digits are not a phone).
std::optional<PhoneMatch> FindPhoneMatch(std::string_view s, std::optional<Span> skip) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (skip && i >= skip->begin && i < skip->end) {
      i = skip->end;
      continue;
    }
    const bool plus = s[i] == '+' && i + 1 < s.size() && IsDigit(s[i + 1]);
    const bool opens = s[i] == '(' && i + 1 < s.size() && IsDigit(s[i + 1]);
    if (!IsDigit(s[i]) && !plus && !opens) {
      ++i;
      continue;
    }
    // A number glued to letters ("abc123") is a code, not a phone.
    if (i > 0 && (IsAsciiAlpha(s[i - 1]) || IsDigit(s[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t end = i + (plus || opens ? 1 : 0);
    std::string digits;
    while (end < s.size()) {
      if (IsDigit(s[end])) {
        digits += s[end++];
      } else if (IsPhoneSeparator(s[end]) && end + 1 < s.size() &&
                 (IsDigit(s[end + 1]) || (s[end] == ')' && s[end + 1] == ' ') ||
                  (s[end] == ' ' && s[end + 1] == '('))) {
        ++end;
      } else {
        break;
      }
    }
    const bool glued = end < s.size() && (IsAsciiAlpha(s[end]) || s[end] == '@');
    const std::string_view run = s.substr(i, end - i);
    if (!glued && digits.size() >= kMinPhoneDigits && digits.size() <= kMaxPhoneDigits &&
        !LooksLikeDate(run)) {
      return PhoneMatch{{i, end}, (plus ? "+" : "") + digits};
    }
    i = end;
  }
  return std::nullopt;
}

// Words that surround contact details without being a name, folded, apostrophes dropped.
constexpr auto kFillers = std::to_array<std::string_view>(
    {// en
     "my", "name", "is", "im", "i", "am", "its", "this", "and", "or", "at", "on", "the", "me",
     "you", "can", "reach", "call", "contact", "email", "mail", "e", "phone", "telephone", "tel",
     "mobile", "cell", "number", "whatsapp", "thanks", "thank", "please", "sure", "ok", "okay",
     "yes", "hi", "hello", "here", "it", "sorry",
     // es
     "mi", "nombre", "es", "soy", "llamo", "y", "o", "correo", "telefono", "numero", "movil",
     "gracias", "por", "favor", "si", "hola", "claro", "en", "al",
     // pt
     "meu", "nome", "sou", "chamo", "ou", "celular", "telefone", "obrigado", "obrigada", "sim",
     "ola"});

// Words after which a name follows, folded: "my name is", "me llamo", "meu nome é".
constexpr auto kIntroductions =
    std::to_array<std::string_view>({"name", "nombre", "llamo", "nome", "chamo"});

// Lower-case words inside a family name ("da Silva", "van der Berg").
constexpr auto kParticles = std::to_array<std::string_view>(
    {"de", "da", "do", "dos", "das", "del", "la", "van", "von", "der", "di", "du", "le"});

bool Contains(std::span<const std::string_view> words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// `word` folded, with apostrophes and surrounding punctuation dropped: "I'm," -> "im".
std::string Key(std::string_view word) {
  std::string key;
  for (char c : Fold(word)) {
    if (c != '\'' && c != '.' && c != '-' && c != '"') key += c;
  }
  return key;
}

// A word a name may hold: letters (any script), with inner apostrophes, dots or dashes.
bool IsNameWord(std::string_view word) {
  if (word.empty() || IsDigit(word.front())) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return IsAsciiAlpha(c) || u >= 0x80 || c == '\'' || c == '-' || c == '.';
  });
}

bool EndsSegment(char c) {
  return c == ',' || c == ';' || c == '\n' || c == '!' || c == '?' || c == ':' || c == '/' ||
         c == '|' || c == '(' || c == ')';
}

struct Name {
  std::string words;
  bool introduced = false;
};

// The first run of name words in `s` (after the email and phone were taken out): the words of a
// segment that are not fillers, when there are 1 to kMaxNameWords of them.
Name FindName(std::string_view s) {
  Name found;
  std::vector<std::string_view> segment;
  bool introduced = false;
  auto settle = [&] {
    if (!found.words.empty()) return;
    std::string words;
    std::size_t count = 0;
    bool valid = true;
    for (std::string_view w : segment) {
      const std::string key = Key(w);
      if (key.empty()) continue;
      if (Contains(kIntroductions, key)) introduced = true;
      if (Contains(kFillers, key)) continue;
      // A function word written in lower case ("any", "after") makes it a sentence, not a name;
      // particles inside a name ("Maria da Silva") and capitalised names ("Will") are no such word.
      const bool lower = w.front() >= 'a' && w.front() <= 'z';
      if (!IsNameWord(w) ||
          (lower && IsStopwordOfAny(key) && (count == 0 || !Contains(kParticles, key)))) {
        valid = false;
      }
      ++count;
      if (!words.empty()) words += ' ';
      words += w;
    }
    if (valid && count > 0 && count <= kMaxNameWords && words.size() <= kMaxNameBytes) {
      found = {std::move(words), introduced};
    }
    segment.clear();
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (EndsSegment(s[i])) {
      settle();
      ++i;
      continue;
    }
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '\r' &&
           !EndsSegment(s[end])) {
      ++end;
    }
    std::string_view word = s.substr(i, end - i);
    while (!word.empty() && word.back() == '.') word.remove_suffix(1);
    const std::string key = Key(word);
    // "and" / "y" / "e" / "ou" between the name and the rest end the name too.
    if (key == "and" || key == "y" || key == "e" || key == "ou" || key == "or" || key == "o") {
      segment.push_back(word);
      settle();
    } else if (!word.empty()) {
      segment.push_back(word);
    }
    i = end;
  }
  settle();
  return found;
}

// Each word of the name with a capital letter, but the particles inside it ("Ana da Silva").
std::string Capitalized(std::string_view words) {
  std::string name;
  std::size_t i = 0;
  while (i < words.size()) {
    const std::size_t end = std::min(words.find(' ', i), words.size());
    std::string word(words.substr(i, end - i));
    if ((name.empty() || !Contains(kParticles, Key(word))) && word[0] >= 'a' && word[0] <= 'z') {
      word[0] = static_cast<char>(word[0] - 'a' + 'A');
    }
    if (!name.empty()) name += ' ';
    name += word;
    i = end + 1;
  }
  return name;
}

}  // namespace

std::optional<std::string> FindEmail(std::string_view s) {
  const auto span = FindEmailSpan(s);
  if (!span) return std::nullopt;
  std::string email(s.substr(span->begin, span->end - span->begin));
  const std::size_t at = email.find('@');
  std::transform(email.begin() + static_cast<std::ptrdiff_t>(at), email.end(),
                 email.begin() + static_cast<std::ptrdiff_t>(at), Lower);
  return email;
}

std::optional<std::string> FindPhone(std::string_view s) {
  auto match = FindPhoneMatch(s, FindEmailSpan(s));
  if (!match) return std::nullopt;
  return std::move(match->value);
}

ContactDetails ReadContactDetails(std::string_view s) {
  ContactDetails details;
  std::string rest(s);
  const auto email_span = FindEmailSpan(s);
  const auto phone = FindPhoneMatch(s, email_span);
  if (email_span) details.email = *FindEmail(s);
  if (phone) details.phone = phone->value;
  // The name is looked for in what remains, the email and phone replaced by segment breaks.
  for (const std::optional<Span>& span :
       {email_span, phone ? std::optional(phone->span) : std::nullopt}) {
    if (span)
      std::fill(rest.begin() + static_cast<std::ptrdiff_t>(span->begin),
                rest.begin() + static_cast<std::ptrdiff_t>(span->end), ',');
  }
  const Name name = FindName(rest);
  if (!name.words.empty() &&
      (name.introduced || !details.email.empty() || !details.phone.empty())) {
    details.name = Capitalized(name.words);
  }
  return details;
}

}  // namespace text
