// Splitting text into words, numbers and the punctuation that ends a clause.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace text {

enum class TokenKind {
  kWord,    // letters (and digits mixed in: "mp3"), apostrophes dropped: "don't" -> "dont"
  kNumber,  // digits, with inner '.' or ',' between digits kept: "19.90", "1,000"
  kBreak,   // one of . , ; : ! ? ¿ ¡ ( ) or a line break: where a clause ends
};

struct Token {
  std::string text;  // folded (see text/fold.h); for kBreak the punctuation itself, "\n" for lines
  TokenKind kind = TokenKind::kWord;
  bool operator==(const Token&) const = default;
};

// Folds `utf8` and splits it into tokens, in order. Letters are ASCII a-z after folding plus any
// code point below U+2000 or from U+3040 on that is not punctuation (other scripts stay words);
// symbols and emoji separate tokens. Never fails; thread-safe.
std::vector<Token> Tokenize(std::string_view utf8);

// The word and number tokens of `utf8`, folded, in order.
std::vector<std::string> Words(std::string_view utf8);

}  // namespace text
