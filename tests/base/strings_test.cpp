#include "base/strings.h"

#include <gtest/gtest.h>

namespace base {
namespace {

TEST(StringsTest, TrimRemovesAsciiWhitespaceAtBothEndsOnly) {
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(Trim("\f\v"), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("\xC2\xA0x"), "\xC2\xA0x");  // a no-break space is not ASCII whitespace
}

TEST(StringsTest, AsciiLowerLowersOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Ana@Shop.EXAMPLE"), "ana@shop.example");
  EXPECT_EQ(AsciiLower("ÉCOLE"), "École");  // the UTF-8 bytes of É stay as they are
}

}  // namespace
}  // namespace base
