#include "text/fold.h"

#include <gtest/gtest.h>

namespace text {
namespace {

TEST(FoldTest, LowerCasesAndStripsLatinAccents) {
  EXPECT_EQ(Fold("Canción Ñandú"), "cancion nandu");
  EXPECT_EQ(Fold("AÇÃO é Ótimo"), "acao e otimo");
  EXPECT_EQ(Fold("Über straße"), "uber strasse");
  EXPECT_EQ(Fold("ŁÓDŹ Œuvre"), "lodz oeuvre");
}

TEST(FoldTest, KeepsPunctuationAndOtherScripts) {
  EXPECT_EQ(Fold("¿Qué?"), "¿que?");
  EXPECT_EQ(Fold("€ 5 × 2"), "€ 5 × 2");
  EXPECT_EQ(Fold("Ελλάδα"), "Ελλάδα");  // not Latin: left alone
}

TEST(FoldTest, TypographicApostropheBecomesAscii) { EXPECT_EQ(Fold("don’t"), "don't"); }

TEST(FoldTest, MalformedBytesBecomeSpaces) {
  EXPECT_EQ(Fold(std::string("a\xC3") + "b"), "a b");
  EXPECT_EQ(Fold("\xFF\xFE"), "  ");
  EXPECT_EQ(Fold("\xC0\xAF"), "  ");  // an overlong '/'
}

TEST(FoldTest, DecodeAdvancesOverOneCodePoint) {
  const std::string s = "añ€";
  std::size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(s, pos), U'a');
  EXPECT_EQ(DecodeUtf8(s, pos), U'ñ');
  EXPECT_EQ(DecodeUtf8(s, pos), U'€');
  EXPECT_EQ(pos, s.size());
}

}  // namespace
}  // namespace text
