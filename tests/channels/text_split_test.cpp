#include "channels/text_split.h"

#include <gtest/gtest.h>

#include <string>

#include "channels/capabilities.h"

namespace channels {
namespace {

TEST(TextSplitTest, TextThatFitsIsOnePartTrimmed) {
  EXPECT_EQ(SplitText("  hello world \n", 20), (std::vector<std::string>{"hello world"}));
  EXPECT_TRUE(SplitText(" \n\t ", 20).empty());
  EXPECT_TRUE(SplitText("", 20).empty());
}

TEST(TextSplitTest, SplitsAtTheLastSpaceBeforeTheLimit) {
  EXPECT_EQ(SplitText("one two three four", 9),
            (std::vector<std::string>{"one two", "three", "four"}));
}

TEST(TextSplitTest, PrefersParagraphThenLineBreaks) {
  EXPECT_EQ(SplitText("First paragraph.\n\nSecond one here", 30),
            (std::vector<std::string>{"First paragraph.", "Second one here"}));
  EXPECT_EQ(SplitText("line one is here\nline two is here too", 30),
            (std::vector<std::string>{"line one is here", "line two is here too"}));
}

TEST(TextSplitTest, OverlongWordIsCutBetweenCodePoints) {
  EXPECT_EQ(SplitText("abcdefghij", 4), (std::vector<std::string>{"abcd", "efgh", "ij"}));
  // "é" is two bytes but one UTF-16 unit: never cut inside it.
  EXPECT_EQ(SplitText("\xC3\xA9\xC3\xA9\xC3\xA9", 2),
            (std::vector<std::string>{"\xC3\xA9\xC3\xA9", "\xC3\xA9"}));
}

TEST(TextSplitTest, EmojiCountTwoUnits) {
  const std::string thumbs = "\xF0\x9F\x91\x8D";
  EXPECT_EQ(Utf16Length(thumbs), 2u);
  EXPECT_EQ(Utf16Length("\xC3\xA9"), 1u);
  EXPECT_EQ(Utf16Length("\xFF"), 1u);  // an invalid byte counts one
  EXPECT_EQ(SplitText(thumbs + thumbs + thumbs, 3),
            (std::vector<std::string>{thumbs, thumbs, thumbs}));
  // A limit smaller than one character still advances.
  EXPECT_EQ(SplitText(thumbs, 1), (std::vector<std::string>{thumbs}));
}

TEST(TextSplitTest, EveryPartFitsAndNothingIsLost) {
  std::string text;
  for (int i = 0; i < 700; ++i) text += "word" + std::to_string(i) + (i % 37 == 0 ? "\n\n" : " ");
  for (core::Channel channel :
       {core::Channel::kWhatsapp, core::Channel::kMessenger, core::Channel::kInstagram}) {
    const auto parts = SplitForChannel(channel, text);
    ASSERT_GT(parts.size(), 1u);
    std::string joined;
    for (const std::string& part : parts) {
      EXPECT_LE(Utf16Length(part), CapabilitiesOf(channel).max_text_length);
      EXPECT_FALSE(part.empty());
      for (char c : part) {
        if (c != ' ' && c != '\n') joined += c;
      }
    }
    std::string expected;
    for (char c : text) {
      if (c != ' ' && c != '\n') expected += c;
    }
    EXPECT_EQ(joined, expected);
  }
}

}  // namespace
}  // namespace channels
