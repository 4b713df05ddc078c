// What to do after a failed attempt (shared/reference/llm-servers.md §5): try again (after a
// wait, with the prompt shrunk, the request adjusted, in structured output, or with the model's
// mistake shown to it), or give up and let the fallback answer. Never past the turn's deadline:
// an attempt is tried again only when a whole attempt, after its wait, still fits.
// Thread-safety: pure function.
#pragma once

#include "base/time.h"
#include "brain/llm/failure.h"

namespace brain::llm {

enum class Remedy {
  kGiveUp,            // the fallback answers (or hands off)
  kRetry,             // the same request, after `wait`
  kShrinkPrompt,      // fewer history turns and data, once
  kAdjustRequest,     // drop or rename the refused parameter (Failure::param), once
  kStructuredOutput,  // the endpoint has no tools: structured output from now on
  kRepair,            // show the model what was wrong with its answer, once
};

struct RetryPlan {
  Remedy remedy = Remedy::kGiveUp;
  base::Duration wait{0};
};

// What the turn has tried so far.
struct TurnSoFar {
  int attempts = 0;  // made, including the failed one
  bool retried = false;
  bool shrunk = false;
  bool adjusted = false;
  bool repaired = false;
  bool switched = false;
};

struct RetrySettings {
  int max_attempts = 3;
  base::Duration attempt_timeout = std::chrono::seconds{10};
  base::Duration busy_pause = std::chrono::milliseconds{500};  // plus jitter of as much again
  base::Duration default_rate_wait = std::chrono::seconds{1};  // a 429 that names no wait
};

// `jitter` in [0, 1): the caller's randomness, so that tests are deterministic.
RetryPlan PlanRetry(const Failure& failure, const TurnSoFar& so_far, base::TimePoint now,
                    base::TimePoint deadline, const RetrySettings& settings, double jitter);

}  // namespace brain::llm
