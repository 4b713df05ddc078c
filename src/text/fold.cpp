#include "text/fold.h"

#include <array>
#include <cstdint>

namespace text {
namespace {

constexpr char32_t kLatin1First = 0xC0;
constexpr char32_t kLatinExtendedALast = 0x17F;
constexpr char32_t kNoBreakSpace = 0xA0;
constexpr char32_t kLeftSingleQuote = 0x2018;
constexpr char32_t kRightSingleQuote = 0x2019;

// U+00C0..U+00FF, folded. × and ÷ are symbols and stay as they are (empty entry).
constexpr std::array<std::string_view, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// Latin Extended-A (U+0100..U+017F) comes in runs of letters with the same base.
struct Run {
  char32_t last;
  std::string_view folded;
};
constexpr Run kLatinExtendedA[] = {
    {0x105, "a"}, {0x10D, "c"},  {0x111, "d"}, {0x11B, "e"}, {0x123, "g"}, {0x127, "h"},
    {0x131, "i"}, {0x133, "ij"}, {0x135, "j"}, {0x138, "k"}, {0x142, "l"}, {0x14B, "n"},
    {0x151, "o"}, {0x153, "oe"}, {0x159, "r"}, {0x161, "s"}, {0x167, "t"}, {0x173, "u"},
    {0x175, "w"}, {0x178, "y"},  {0x17E, "z"}, {0x17F, "s"}};

std::string_view FoldLatin(char32_t cp) {
  if (cp <= 0xFF) return kLatin1[cp - kLatin1First];
  for (const Run& run : kLatinExtendedA) {
    if (cp <= run.last) return run.folded;
  }
  return {};
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

char32_t DecodeUtf8(std::string_view utf8, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(utf8[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    ++pos;
    return kInvalidCodePoint;
  }
  if (pos + length > utf8.size()) {
    ++pos;
    return kInvalidCodePoint;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const auto c = static_cast<unsigned char>(utf8[pos + i]);
    if (!IsContinuation(c)) {
      ++pos;
      return kInvalidCodePoint;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  constexpr char32_t kMaxCodePoint = 0x10FFFF;
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (cp < min || cp > kMaxCodePoint || surrogate) {
    ++pos;
    return kInvalidCodePoint;
  }
  pos += length;
  return cp;
}

std::string Fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const auto c = static_cast<unsigned char>(utf8[pos]);
    if (c < 0x80) {  // the common case: ASCII
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
      ++pos;
      continue;
    }
    const char32_t cp = DecodeUtf8(utf8, pos);
    if (cp == kInvalidCodePoint || cp == kNoBreakSpace) {
      out.push_back(' ');
    } else if (cp == kLeftSingleQuote || cp == kRightSingleQuote) {
      out.push_back('\'');
    } else if (cp >= kLatin1First && cp <= kLatinExtendedALast && !FoldLatin(cp).empty()) {
      out.append(FoldLatin(cp));
    } else {
      AppendUtf8(cp, out);
    }
  }
  return out;
}

}  // namespace text
