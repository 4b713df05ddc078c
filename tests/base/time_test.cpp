#include "base/time.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace base {
namespace {

using namespace std::chrono_literals;

TEST(DurationTest, ParsesEveryUnitAndSums) {
  EXPECT_EQ(ParseDuration("30s").value(), 30s);
  EXPECT_EQ(ParseDuration("16m").value(), 16min);
  EXPECT_EQ(ParseDuration("2h").value(), 2h);
  EXPECT_EQ(ParseDuration("1d").value(), 24h);
  EXPECT_EQ(ParseDuration("250ms").value(), 250ms);
  EXPECT_EQ(ParseDuration("1h30m").value(), 90min);
  EXPECT_EQ(ParseDuration("0").value(), 0ms);
}

TEST(DurationTest, RejectsMalformedText) {
  for (const char* bad : {"", "m", "10", "-5s", "5x", "1.5h", "s5", "99999999999999999999d"}) {
    const auto parsed = ParseDuration(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(DurationTest, FormatReadsBack) {
  for (Duration d :
       {Duration{0}, Duration{15min}, Duration{90min}, Duration{2500ms}, Duration{26h}}) {
    EXPECT_EQ(ParseDuration(FormatDuration(d)).value(), d) << FormatDuration(d);
  }
  EXPECT_EQ(FormatDuration(90min), "1h30m");
}

TEST(TimeTest, FormatsUtcWithMillis) {
  EXPECT_EQ(FormatTime(FromMillis(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTime(FromMillis(1'795'000'000'123)), "2026-11-18T11:06:40.123Z");
}

TEST(FakeClockTest, MovesOnlyWhenTold) {
  FakeClock clock(FromMillis(1000));
  EXPECT_EQ(ToMillis(clock.Now()), 1000);
  clock.Advance(2s);
  EXPECT_EQ(ToMillis(clock.Now()), 3000);
  clock.Set(FromMillis(10));
  EXPECT_EQ(ToMillis(clock.Now()), 10);
}

}  // namespace
}  // namespace base
