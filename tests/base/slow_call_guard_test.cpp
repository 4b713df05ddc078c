#include "base/slow_call_guard.h"

#include <gtest/gtest.h>

#include <thread>

namespace base {
namespace {

TEST(NoSlowCallsTest, ScopesNestAndEndWithTheirGuard) {
  EXPECT_EQ(SlowCallsForbidden(), std::nullopt);
  {
    const NoSlowCalls outer("a store transaction");
    EXPECT_EQ(SlowCallsForbidden(), "a store transaction");
    {
      const NoSlowCalls inner("an HTTP request handler");
      EXPECT_EQ(SlowCallsForbidden(), "an HTTP request handler");
    }
    EXPECT_EQ(SlowCallsForbidden(), "a store transaction");
  }
  EXPECT_EQ(SlowCallsForbidden(), std::nullopt);
}

TEST(NoSlowCallsTest, AScopeBelongsToItsThread) {
  const NoSlowCalls here("the thread that fires timers");
  std::optional<std::string_view> there = "unset";
  std::thread([&] { there = SlowCallsForbidden(); }).join();
  EXPECT_EQ(there, std::nullopt);
}

}  // namespace
}  // namespace base
