#include "text/tokenizer.h"

#include "text/fold.h"

namespace text {
namespace {

constexpr char32_t kGeneralPunctuationFirst = 0x2000;
constexpr char32_t kCjkFirst = 0x3040;
constexpr char32_t kEmojiFirst = 0x1F000;
constexpr char32_t kInvertedExclamation = 0xA1;
constexpr char32_t kInvertedQuestion = 0xBF;
constexpr char32_t kLatin1SymbolsLast = 0xBF;  // U+00A0..U+00BF: «, °, ª... are not letters

bool IsAsciiLetter(char32_t c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool IsOtherLetter(char32_t c) {
  if (c < 0x80 || c <= kLatin1SymbolsLast) return false;
  if (c == 0xD7 || c == 0xF7) return false;  // × ÷
  if (c >= kGeneralPunctuationFirst && c < kCjkFirst) return false;
  return c < kEmojiFirst && c != kInvalidCodePoint;
}

bool IsBreak(char32_t c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '(':
    case ')':
    case '\n':
    case kInvertedExclamation:
    case kInvertedQuestion:
      return true;
    default:
      return false;
  }
}

struct Scanner {
  std::string_view s;
  std::size_t pos = 0;

  char32_t Peek(std::size_t at) const {
    if (at >= s.size()) return 0;
    std::size_t p = at;
    return DecodeUtf8(s, p);
  }
  // The code point at `pos`, and the position after it.
  char32_t Next(std::size_t& after) const {
    after = pos;
    return DecodeUtf8(s, after);
  }
};

bool IsWordChar(char32_t c) { return IsAsciiLetter(c) || IsDigit(c) || IsOtherLetter(c); }

}  // namespace

std::vector<Token> Tokenize(std::string_view utf8) {
  const std::string folded = Fold(utf8);
  std::vector<Token> tokens;
  Scanner scan{folded};
  while (scan.pos < folded.size()) {
    std::size_t after = 0;
    const char32_t c = scan.Next(after);
    if (IsBreak(c)) {
      tokens.push_back({std::string(folded.substr(scan.pos, after - scan.pos)), TokenKind::kBreak});
      scan.pos = after;
      continue;
    }
    if (!IsWordChar(c)) {
      scan.pos = after;
      continue;
    }
    Token token;
    bool only_digits = true;
    while (scan.pos < folded.size()) {
      const char32_t d = scan.Next(after);
      if (IsWordChar(d)) {
        only_digits = only_digits && IsDigit(d);
        token.text.append(folded, scan.pos, after - scan.pos);
        scan.pos = after;
        continue;
      }
      const char32_t next = scan.Peek(after);
      // "don't" -> "dont"; "19.90" and "1,000" stay one number.
      if (d == '\'' && !token.text.empty() && IsWordChar(next) && !IsDigit(next)) {
        scan.pos = after;
        continue;
      }
      if ((d == '.' || d == ',') && only_digits && IsDigit(next)) {
        token.text.push_back(static_cast<char>(d));
        scan.pos = after;
        continue;
      }
      break;
    }
    token.kind = only_digits ? TokenKind::kNumber : TokenKind::kWord;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::vector<std::string> Words(std::string_view utf8) {
  std::vector<std::string> words;
  for (Token& t : Tokenize(utf8)) {
    if (t.kind != TokenKind::kBreak) words.push_back(std::move(t.text));
  }
  return words;
}

}  // namespace text
