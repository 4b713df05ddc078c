#include "text/bm25_index.h"

#include <gtest/gtest.h>

namespace text {
namespace {

using Terms = std::vector<std::string>;

std::size_t AddOne(Bm25Index& index, const Terms& terms, double weight = 1.0) {
  const Bm25Field field{terms, weight};
  return index.Add({&field, 1});
}

TEST(Bm25IndexTest, RanksTheDocumentWithRarerMatchesFirst) {
  Bm25Index index;
  AddOne(index, {"red", "shoe"});
  AddOne(index, {"blue", "shoe"});
  AddOne(index, {"red", "hat"});
  const Terms query = {"blue", "shoe"};
  const auto hits = index.Search(query, 3);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].doc, 1u);
  EXPECT_EQ(hits[0].matched, 0b11u);
  EXPECT_EQ(hits[1].doc, 0u);
  EXPECT_EQ(hits[1].matched, 0b10u);
  EXPECT_GT(hits[0].score, hits[1].score);
}

TEST(Bm25IndexTest, ShorterDocumentWinsForTheSameMatch) {
  Bm25Index index;
  AddOne(index, {"lamp", "desk", "wood", "oak", "brass", "shade"});
  AddOne(index, {"lamp", "desk"});
  AddOne(index, {"chair"});
  const Terms query = {"lamp"};
  const auto hits = index.Search(query, 1);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].doc, 1u);
}

TEST(Bm25IndexTest, FieldWeightRaisesTheScore) {
  Bm25Index index;
  const Terms name = {"lamp"};
  const Terms description = {"lamp"};
  const Terms other = {"table"};
  const Bm25Field heavy[] = {{name, 3.0}, {other, 1.0}};
  const Bm25Field light[] = {{other, 3.0}, {description, 1.0}};
  index.Add(light);
  index.Add(heavy);
  const Terms query = {"lamp"};
  EXPECT_EQ(index.Search(query, 2)[0].doc, 1u);
}

TEST(Bm25IndexTest, UnknownTermsFindNothingAndHaveTheHighestIdf) {
  Bm25Index index;
  AddOne(index, {"red"});
  AddOne(index, {"blue"});
  const Terms query = {"green"};
  EXPECT_TRUE(index.Search(query, 5).empty());
  EXPECT_GT(index.Idf("green"), index.Idf("red"));
}

TEST(Bm25IndexTest, TermsStartingWithAPrefixComeInOrderUpToTheLimit) {
  Bm25Index index;
  AddOne(index, {"coronavirus", "corn", "cord"});
  AddOne(index, {"corona", "coral"});
  EXPECT_TRUE(index.Contains("corn"));
  EXPECT_FALSE(index.Contains("cor"));
  EXPECT_EQ(index.TermsStartingWith("coro", 5),
            (std::vector<std::string>{"corona", "coronavirus"}));
  EXPECT_EQ(index.TermsStartingWith("cor", 2), (std::vector<std::string>{"coral", "cord"}));
  EXPECT_TRUE(index.TermsStartingWith("x", 5).empty());
}

TEST(Bm25IndexTest, EmptyIndexAndZeroKReturnNothing) {
  Bm25Index empty;
  const Terms query = {"red"};
  EXPECT_TRUE(empty.Search(query, 5).empty());
  Bm25Index index;
  AddOne(index, {"red"});
  EXPECT_TRUE(index.Search(query, 0).empty());
}

}  // namespace
}  // namespace text
