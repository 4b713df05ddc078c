// The model tokens of each workspace's day, on both backends: counted per workspace and UTC day,
// every add counted however many instances add at once.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "store_fixture.h"

namespace store {
namespace {

class TokenUsageStoreTest : public StoreTest {};
FRONTDESK_ON_BOTH_BACKENDS(TokenUsageStoreTest);

TEST_P(TokenUsageStoreTest, TokensAreCountedPerWorkspaceAndDay) {
  const std::int64_t other = NewWorkspace("other");
  EXPECT_EQ(tokens_->TokensUsed(ws_, 20'000).value(), 0);
  ASSERT_TRUE(tokens_->AddTokens(ws_, 20'000, 120).ok());
  ASSERT_TRUE(tokens_->AddTokens(ws_, 20'000, 30).ok());
  ASSERT_TRUE(tokens_->AddTokens(ws_, 20'001, 7).ok());
  ASSERT_TRUE(tokens_->AddTokens(other, 20'000, 1000).ok());
  EXPECT_EQ(tokens_->TokensUsed(ws_, 20'000).value(), 150);
  EXPECT_EQ(tokens_->TokensUsed(ws_, 20'001).value(), 7);
  EXPECT_EQ(tokens_->TokensUsed(other, 20'000).value(), 1000);
}

TEST_P(TokenUsageStoreTest, AddsAtOnceAreAllCounted) {
  std::vector<std::thread> turns;
  for (int i = 0; i < 8; ++i) {
    turns.emplace_back([&] {
      for (int j = 0; j < 10; ++j) EXPECT_TRUE(tokens_->AddTokens(ws_, 20'000, 3).ok());
    });
  }
  for (std::thread& t : turns) t.join();
  EXPECT_EQ(tokens_->TokensUsed(ws_, 20'000).value(), 240);
}

TEST(UtcDayTest, ADayStartsAtMidnightUtc) {
  EXPECT_EQ(core::UtcDay(base::FromMillis(0)), 0);
  EXPECT_EQ(core::UtcDay(base::FromMillis(86'400'000 - 1)), 0);
  EXPECT_EQ(core::UtcDay(base::FromMillis(86'400'000)), 1);
}

}  // namespace
}  // namespace store
