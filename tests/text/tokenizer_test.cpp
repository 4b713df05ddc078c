#include "text/tokenizer.h"

#include <gtest/gtest.h>

namespace text {
namespace {

TEST(TokenizerTest, SplitsWordsNumbersAndBreaks) {
  const std::vector<Token> tokens = Tokenize("¿Cuánto cuesta? 19,90€!");
  const std::vector<Token> expected = {{"¿", TokenKind::kBreak},      {"cuanto", TokenKind::kWord},
                                       {"cuesta", TokenKind::kWord},  {"?", TokenKind::kBreak},
                                       {"19,90", TokenKind::kNumber}, {"!", TokenKind::kBreak}};
  EXPECT_EQ(tokens, expected);
}

TEST(TokenizerTest, DropsApostrophesInsideWords) {
  EXPECT_EQ(Words("I DON'T want, you’re great"),
            (std::vector<std::string>{"i", "dont", "want", "youre", "great"}));
}

TEST(TokenizerTest, HyphensAndSymbolsSeparateWords) {
  EXPECT_EQ(Words("passe-me #1 😀 mp3/wav"),
            (std::vector<std::string>{"passe", "me", "1", "mp3", "wav"}));
}

TEST(TokenizerTest, LineBreakEndsAClause) {
  const std::vector<Token> tokens = Tokenize("hi\nthere");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].kind, TokenKind::kBreak);
}

TEST(TokenizerTest, EmptyAndBlankTextHaveNoTokens) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize("  \t ").empty());
}

}  // namespace
}  // namespace text
