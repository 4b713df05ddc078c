#include "store/sqlite/search_query.h"

#include <gtest/gtest.h>

namespace store::sqlite {
namespace {

std::optional<std::string> Expression(std::string_view text) {
  auto query = ParseSearch(text);
  if (!query) return std::nullopt;
  return query->expression;
}

TEST(SearchQueryTest, EachWordBecomesAQuotedPrefix) {
  EXPECT_EQ(Expression("ana silv"), "\"ana\"* \"silv\"*");
  EXPECT_EQ(Expression("  Café,boots!  "), "\"Café\"* \"boots\"*");
}

TEST(SearchQueryTest, OneCharacterWordsMatchWholeWords) {
  EXPECT_EQ(Expression("j smith"), "\"j\" \"smith\"*");
}

TEST(SearchQueryTest, SyntaxNeverGetsThrough) {
  EXPECT_EQ(Expression("\"a\" OR b* NEAR(c)"), "\"a\" \"OR\"* \"b\" \"NEAR\"* \"c\"");
  EXPECT_EQ(Expression("-x:y^"), "\"x\" \"y\"");
}

TEST(SearchQueryTest, NoWordIsNothing) {
  EXPECT_EQ(ParseSearch(""), std::nullopt);
  EXPECT_EQ(ParseSearch(" !?* \"\" "), std::nullopt);
}

TEST(SearchQueryTest, PrefixesLongerThanTheIndexedOnesAreNotIndexed) {
  EXPECT_TRUE(ParseSearch("price a sixchr")->indexed);
  EXPECT_FALSE(ParseSearch("price umbrella")->indexed);
  EXPECT_FALSE(ParseSearch("r\u00e9sum\u00e9")->indexed);  // 6 characters, 8 bytes
}

}  // namespace
}  // namespace store::sqlite
