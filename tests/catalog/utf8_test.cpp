#include "catalog/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace catalog {
namespace {

TEST(Utf8Test, AcceptsEveryEncodingLength) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("ñ ç ã"));               // 2 bytes
  EXPECT_TRUE(IsValidUtf8("€ \xEF\xBF\xBD"));      // 3 bytes
  EXPECT_TRUE(IsValidUtf8("🎵 \xF4\x8F\xBF\xBF"));  // 4 bytes, up to U+10FFFF
}

TEST(Utf8Test, FindsTheFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"
                            "cd"),
            2u);
  EXPECT_EQ(FindInvalidUtf8("\x80"), 0u);              // lone continuation
  EXPECT_EQ(FindInvalidUtf8("a\xC3"), 1u);             // truncated at the end
  EXPECT_EQ(FindInvalidUtf8("\xC3(x"), 0u);            // missing continuation
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\xAF"), 0u);      // overlong, 3 bytes
  EXPECT_EQ(FindInvalidUtf8("\xF0\x80\x80\xAF"), 0u);  // overlong, 4 bytes
  EXPECT_EQ(FindInvalidUtf8("\xED\xA0\x80"), 0u);      // UTF-16 surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xE2\x82"), 0u);  // truncated 3 bytes
}

TEST(Utf8Test, SequenceCutByTheEndOfTheViewIsInvalid) {
  const std::string buffer = "a\xC3\xA9";  // "aé": the view below ends inside the "é"
  EXPECT_EQ(FindInvalidUtf8(std::string_view(buffer.data(), 2)), 1u);
  EXPECT_EQ(FindInvalidUtf8(buffer), buffer.size());
}

TEST(Utf8Test, SearchStartsAtTheGivenOffset) {
  const std::string text =
      "\xFF"
      "ab\xFF";
  EXPECT_EQ(FindInvalidUtf8(text, 1), 3u);
  EXPECT_EQ(FindInvalidUtf8(text, 4), 4u);
}

TEST(Utf8Test, SanitizeReplacesEachInvalidByte) {
  EXPECT_EQ(SanitizeUtf8("caf\xE9!"), "caf\xEF\xBF\xBD!");
  EXPECT_EQ(SanitizeUtf8("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeUtf8("ñ ok"), "ñ ok");
  EXPECT_TRUE(IsValidUtf8(SanitizeUtf8("\xE2\x82 \xF0\x9F")));
}

}  // namespace
}  // namespace catalog
