#include "brain/local/passage.h"

#include <gtest/gtest.h>

#include "brain/local/replies.h"

namespace brain {
namespace {

TEST(PassageTest, ParagraphsKeepTheirHeadings) {
  const auto passages = SplitPassages(
      "# Opening hours\n"
      "Monday to Friday 9:00-18:00.\n"
      "Saturday 10:00-14:00.\n"
      "\n"
      "Returns:\n"
      "You can return any item within 30 days.\n"
      "\n"
      "We are a family business.\n");
  ASSERT_EQ(passages.size(), 3u);
  EXPECT_EQ(passages[0],
            (Passage{"Opening hours", "Monday to Friday 9:00-18:00.\nSaturday 10:00-14:00."}));
  EXPECT_EQ(passages[1], (Passage{"Returns", "You can return any item within 30 days."}));
  // A Markdown heading lasts until the next one.
  EXPECT_EQ(passages[2], (Passage{"Opening hours", "We are a family business."}));
}

TEST(PassageTest, TitleLineAloneIsAHeading) {
  const auto passages = SplitPassages("Shipping\n\nWe ship to Spain and Portugal.\n");
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0], (Passage{"Shipping", "We ship to Spain and Portugal."}));
}

TEST(PassageTest, LongParagraphIsCutBetweenSentences) {
  std::string paragraph;
  for (int i = 0; i < 40; ++i) paragraph += "This is sentence number " + std::to_string(i) + ". ";
  const auto passages = SplitPassages(paragraph);
  ASSERT_GT(passages.size(), 1u);
  for (const Passage& p : passages) {
    EXPECT_LE(p.body.size(), kMaxPassageChars);
    EXPECT_EQ(p.body.back(), '.');
  }
}

TEST(PassageTest, EmptyContextHasNoPassages) {
  EXPECT_TRUE(SplitPassages("").empty());
  EXPECT_TRUE(SplitPassages("\n\n  \n#\n").empty());
}

TEST(PassageTest, DisplayPutsTheHeadingFirst) {
  EXPECT_EQ(Display({"Returns", "30 days."}), "Returns: 30 days.");
  EXPECT_EQ(Display({"", "30 days."}), "30 days.");
}

TEST(RepliesTest, ShortenCutsAtAWordAndNeverInsideACharacter) {
  EXPECT_EQ(Shorten("short", 10), "short");
  EXPECT_EQ(Shorten("hello wonderful world", 12), "hello…");
  const std::string cut = Shorten("ñññññ", 3);  // each ñ is two bytes
  EXPECT_EQ(cut, "ñ…");
}

TEST(RepliesTest, SeveralProductsBecomeAList) {
  core::Product a;
  a.name = "Desk Lamp";
  a.price = "35.00";
  a.currency = "EUR";
  a.stock = 7;
  core::Product b;
  b.name = "Floor Lamp";
  b.stock = 0;
  const core::Product* products[] = {&a, &b};
  EXPECT_EQ(
      DescribeProducts(products, core::Language::kEn),
      "Here is what we have:\n- Desk Lamp: 35.00 EUR, 7 in stock\n- Floor Lamp: out of stock");
}

TEST(RepliesTest, OneProductGetsTheFirstSentenceOfItsDescription) {
  core::Product p;
  p.name = "Lamp";
  p.description = "Version 2.0 of our lamp. It is great.";
  p.attributes = {{"Colour", "red"}, {"Size", ""}};
  const core::Product* products[] = {&p};
  EXPECT_EQ(DescribeProducts(products, core::Language::kPt),
            "Lamp. Version 2.0 of our lamp. Colour: red.");
}

}  // namespace
}  // namespace brain
