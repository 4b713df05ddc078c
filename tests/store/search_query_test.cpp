#include "store/sqlite/search_query.h"

#include <gtest/gtest.h>

namespace store::sqlite {
namespace {

TEST(SearchExpressionTest, EachWordBecomesAQuotedPrefix) {
  EXPECT_EQ(SearchExpression("ana silv"), "\"ana\"* \"silv\"*");
  EXPECT_EQ(SearchExpression("  Café,boots!  "), "\"Café\"* \"boots\"*");
}

TEST(SearchExpressionTest, OneCharacterWordsMatchWholeWords) {
  EXPECT_EQ(SearchExpression("j smith"), "\"j\" \"smith\"*");
}

TEST(SearchExpressionTest, SyntaxNeverGetsThrough) {
  EXPECT_EQ(SearchExpression("\"a\" OR b* NEAR(c)"), "\"a\" \"OR\"* \"b\" \"NEAR\"* \"c\"");
  EXPECT_EQ(SearchExpression("-x:y^"), "\"x\" \"y\"");
}

TEST(SearchExpressionTest, NoWordIsNothing) {
  EXPECT_EQ(SearchExpression(""), std::nullopt);
  EXPECT_EQ(SearchExpression(" !?* \"\" "), std::nullopt);
}

}  // namespace
}  // namespace store::sqlite
