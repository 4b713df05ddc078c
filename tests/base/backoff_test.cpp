#include "base/backoff.h"

#include <gtest/gtest.h>

namespace base {
namespace {

using namespace std::chrono_literals;

TEST(BackoffTest, DoublesFromTheFirstWaitUpToTheMax) {
  EXPECT_EQ(ExponentialBackoff(1s, 60s, 0), 1s);
  EXPECT_EQ(ExponentialBackoff(1s, 60s, 3), 8s);
  EXPECT_EQ(ExponentialBackoff(1s, 60s, 6), 60s);
  EXPECT_EQ(ExponentialBackoff(1s, 60s, 1'000'000), 60s);  // never overflows
  EXPECT_EQ(ExponentialBackoff(1s, 60s, -5), 1s);
  EXPECT_EQ(ExponentialBackoff(10s, 5s, 2), 10s);  // a max below the first wait keeps the first
}

}  // namespace
}  // namespace base
