#include "brain/llm/retry.h"

namespace brain::llm {
namespace {

RetryPlan Plan(Remedy remedy, base::Duration wait = base::Duration{0}) { return {remedy, wait}; }

}  // namespace

RetryPlan PlanRetry(const Failure& failure, const TurnSoFar& so_far, base::TimePoint now,
                    base::TimePoint deadline, const RetrySettings& settings, double jitter) {
  if (so_far.attempts >= settings.max_attempts) return Plan(Remedy::kGiveUp);
  // A whole attempt must fit after the wait, or the customer waits for nothing.
  const auto fits = [&](base::Duration wait) {
    return now + wait + settings.attempt_timeout <= deadline;
  };
  const auto retry_after = [&](base::Duration wait, Remedy remedy) {
    return fits(wait) ? Plan(remedy, wait) : Plan(Remedy::kGiveUp);
  };
  // `base` plus up to `share` of it, so that the waiters do not all come back at once.
  const auto jittered = [&](base::Duration base, double share) {
    return base + std::chrono::duration_cast<base::Duration>(base * (share * jitter));
  };
  switch (failure.kind) {
    case FailureKind::kUnreachable:
    case FailureKind::kTimeout:
      if (so_far.retried) return Plan(Remedy::kGiveUp);
      return retry_after(base::Duration{0}, Remedy::kRetry);
    case FailureKind::kRateLimited:  // the server's wait
      return retry_after(jittered(failure.retry_after.value_or(settings.default_rate_wait), 0.1),
                         Remedy::kRetry);
    case FailureKind::kBusy:
    case FailureKind::kServerError:
      if (so_far.retried) return Plan(Remedy::kGiveUp);
      return retry_after(jittered(settings.busy_pause, 1.0), Remedy::kRetry);
    case FailureKind::kTooLargeForRate:
    case FailureKind::kContextTooLong:
      if (so_far.shrunk) return Plan(Remedy::kGiveUp);
      return retry_after(base::Duration{0}, Remedy::kShrinkPrompt);
    case FailureKind::kParameterRejected:
      if (so_far.adjusted) return Plan(Remedy::kGiveUp);
      return retry_after(base::Duration{0}, Remedy::kAdjustRequest);
    case FailureKind::kToolsUnsupported:
      if (so_far.switched) return Plan(Remedy::kGiveUp);
      return retry_after(base::Duration{0}, Remedy::kStructuredOutput);
    case FailureKind::kToolCallFailed:
    case FailureKind::kMalformed:
      if (so_far.repaired) return Plan(Remedy::kGiveUp);
      return retry_after(base::Duration{0}, Remedy::kRepair);
    case FailureKind::kQuota:
    case FailureKind::kBadKey:
    case FailureKind::kUnknownModel:
    case FailureKind::kContentFiltered:
    case FailureKind::kRequestRejected:
      return Plan(Remedy::kGiveUp);
  }
  return Plan(Remedy::kGiveUp);
}

}  // namespace brain::llm
