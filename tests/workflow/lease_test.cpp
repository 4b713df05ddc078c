#include "workflow/lease.h"

#include <gtest/gtest.h>

namespace workflow {
namespace {

using namespace std::chrono_literals;
using base::Duration;
using base::TimePoint;
using core::ControlLease;
using core::Mode;

const TimePoint kT0 = base::FromMillis(1'800'000'000'000);
constexpr Duration kPause = 15min;

struct Row {
  const char* name;
  ControlLease before;
  enum class Signal { kHuman, kReturn } signal;
  Duration event_offset;  // event time relative to kT0
  std::optional<Duration> pause;
  ControlLease after;
};

TEST(LeaseTest, EveryTransition) {
  using S = Row::Signal;
  const Row rows[] = {
      {"ai, human signal: manual for the pause",
       {Mode::kAi, {}, 0},
       S::kHuman,
       0s,
       kPause,
       {Mode::kManual, kT0 + kPause, 1}},
      {"manual, later signal slides the window",
       {Mode::kManual, kT0 + kPause, 1},
       S::kHuman,
       5min,
       kPause,
       {Mode::kManual, kT0 + 5min + kPause, 2}},
      {"manual, older signal never shortens it",
       {Mode::kManual, kT0 + kPause, 1},
       S::kHuman,
       -3min,
       kPause,
       {Mode::kManual, kT0 + kPause, 2}},
      {"ai, never auto-resume",
       {Mode::kAi, {}, 4},
       S::kHuman,
       0s,
       std::nullopt,
       {Mode::kManual, std::nullopt, 5}},
      {"manual with an end, never auto-resume removes it",
       {Mode::kManual, kT0 + kPause, 1},
       S::kHuman,
       0s,
       std::nullopt,
       {Mode::kManual, std::nullopt, 2}},
      {"manual without end stays without end",
       {Mode::kManual, std::nullopt, 2},
       S::kHuman,
       0s,
       kPause,
       {Mode::kManual, std::nullopt, 3}},
      {"return to ai clears resume_at",
       {Mode::kManual, kT0 + kPause, 3},
       S::kReturn,
       0s,
       kPause,
       {Mode::kAi, std::nullopt, 4}},
      {"a custom pause length",
       {Mode::kAi, {}, 0},
       S::kHuman,
       0s,
       2min,
       {Mode::kManual, kT0 + 2min, 1}},
  };
  for (const Row& row : rows) {
    const ControlLease after = row.signal == S::kHuman
                                   ? EnterManual(row.before, kT0 + row.event_offset, row.pause)
                                   : ReturnToAi(row.before);
    EXPECT_EQ(after, row.after) << row.name;
  }
}

TEST(LeaseTest, ResumeIsDueOnlyInManualAtOrAfterResumeAt) {
  EXPECT_FALSE(ResumeIsDue({Mode::kAi, {}, 0}, kT0));
  EXPECT_FALSE(ResumeIsDue({Mode::kManual, kT0 + 1s, 1}, kT0));
  EXPECT_TRUE(ResumeIsDue({Mode::kManual, kT0, 1}, kT0));
  EXPECT_TRUE(ResumeIsDue({Mode::kManual, kT0, 1}, kT0 + 1h));
  EXPECT_FALSE(ResumeIsDue({Mode::kManual, std::nullopt, 1}, kT0 + 100h));
}

TEST(LeaseTest, LateSignalIsOneWhosePauseAlreadyRanOut) {
  EXPECT_FALSE(IsLateSignal(kT0, kPause, kT0 + 14min));
  EXPECT_TRUE(IsLateSignal(kT0, kPause, kT0 + 15min));
  EXPECT_FALSE(IsLateSignal(kT0, std::nullopt, kT0 + 100h));
}

}  // namespace
}  // namespace workflow
