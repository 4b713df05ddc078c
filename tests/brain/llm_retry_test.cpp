// What follows a failed attempt: the reference's table, row by row, and never a retry that would
// end past the turn's deadline.
#include <gtest/gtest.h>

#include "brain/llm/retry.h"

namespace brain::llm {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kNow = base::FromMillis(1'800'000'000'000);
const RetrySettings kSettings{.max_attempts = 3, .attempt_timeout = 10s};

Failure Of(FailureKind kind, std::optional<base::Duration> retry_after = std::nullopt) {
  Failure f;
  f.kind = kind;
  f.retry_after = retry_after;
  return f;
}

struct Row {
  const char* name;
  Failure failure;
  TurnSoFar so_far;
  base::Duration time_left;
  Remedy remedy;
  base::Duration wait{0};
};

TEST(RetryTest, EachFailureHasItsRemedy) {
  const TurnSoFar first{.attempts = 1};
  const Row rows[] = {
      {"unreachable: once more", Of(FailureKind::kUnreachable), first, 30s, Remedy::kRetry},
      {"unreachable twice: give up",
       Of(FailureKind::kUnreachable),
       {2, true},
       30s,
       Remedy::kGiveUp},
      {"timeout: once more when it fits", Of(FailureKind::kTimeout), first, 30s, Remedy::kRetry},
      {"timeout: no whole attempt left", Of(FailureKind::kTimeout), first, 9s, Remedy::kGiveUp},
      {"rate limit: wait as asked", Of(FailureKind::kRateLimited, 2s), first, 30s, Remedy::kRetry,
       2s},
      {"rate limit: a wait past the deadline", Of(FailureKind::kRateLimited, 25s), first, 30s,
       Remedy::kGiveUp},
      {"rate limit naming no wait", Of(FailureKind::kRateLimited), first, 30s, Remedy::kRetry, 1s},
      {"too large for the rate: shrink", Of(FailureKind::kTooLargeForRate), first, 30s,
       Remedy::kShrinkPrompt},
      {"quota: never", Of(FailureKind::kQuota), first, 30s, Remedy::kGiveUp},
      {"bad key: never", Of(FailureKind::kBadKey), first, 30s, Remedy::kGiveUp},
      {"unknown model: never", Of(FailureKind::kUnknownModel), first, 30s, Remedy::kGiveUp},
      {"context too long: shrink once", Of(FailureKind::kContextTooLong), first, 30s,
       Remedy::kShrinkPrompt},
      {"context too long again",
       Of(FailureKind::kContextTooLong),
       {2, false, true},
       30s,
       Remedy::kGiveUp},
      {"a refused parameter: adjust", Of(FailureKind::kParameterRejected), first, 30s,
       Remedy::kAdjustRequest},
      {"no tools: structured output", Of(FailureKind::kToolsUnsupported), first, 30s,
       Remedy::kStructuredOutput},
      {"a call the server could not parse: repair", Of(FailureKind::kToolCallFailed), first, 30s,
       Remedy::kRepair},
      {"malformed: repair once", Of(FailureKind::kMalformed), first, 30s, Remedy::kRepair},
      {"malformed again",
       Of(FailureKind::kMalformed),
       {2, false, false, false, true},
       30s,
       Remedy::kGiveUp},
      {"filtered: never with the same input", Of(FailureKind::kContentFiltered), first, 30s,
       Remedy::kGiveUp},
      {"busy: once after a pause", Of(FailureKind::kBusy), first, 30s, Remedy::kRetry, 500ms},
      {"a server error: once", Of(FailureKind::kServerError), first, 30s, Remedy::kRetry, 500ms},
      {"a request this client built wrong", Of(FailureKind::kRequestRejected), first, 30s,
       Remedy::kGiveUp},
      {"out of attempts", Of(FailureKind::kBusy), {.attempts = 3}, 60s, Remedy::kGiveUp},
  };
  for (const Row& row : rows) {
    const RetryPlan plan =
        PlanRetry(row.failure, row.so_far, kNow, kNow + row.time_left, kSettings, 0.0);
    EXPECT_EQ(plan.remedy, row.remedy) << row.name;
    EXPECT_EQ(plan.wait, row.wait) << row.name;
  }
}

TEST(RetryTest, WaitsAreJitteredWithinTheirShare) {
  const TurnSoFar first{.attempts = 1};
  EXPECT_EQ(PlanRetry(Of(FailureKind::kBusy), first, kNow, kNow + 30s, kSettings, 0.999).wait,
            999ms);
  EXPECT_EQ(
      PlanRetry(Of(FailureKind::kRateLimited, 2s), first, kNow, kNow + 30s, kSettings, 0.5).wait,
      2100ms);
}

}  // namespace
}  // namespace brain::llm
