// A circuit breaker per endpoint: after `failures_to_open` failed turns in a row the endpoint is
// not called for `open_for` (every turn goes to the fallback at once, nobody waits on a dead
// server); then one turn probes it (half open), and its success closes the circuit. A failure
// only the owner can fix (a bad key, an unknown model, an exhausted quota) opens it at once, for
// `open_for_owner`.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <mutex>
#include <optional>
#include <string_view>

#include "base/time.h"
#include "brain/llm/failure.h"

namespace brain::llm {

struct CircuitSettings {
  int failures_to_open = 5;
  base::Duration open_for = std::chrono::seconds{30};
  base::Duration open_for_owner = std::chrono::minutes{10};
};

enum class CircuitState { kClosed, kOpen, kHalfOpen };
std::string_view ToString(CircuitState state);

class Circuit {
 public:
  explicit Circuit(CircuitSettings settings = {}) : settings_(settings) {}

  // Whether a turn may call the endpoint now. When open and its time has passed, the first
  // caller gets true (the probe) and the others false until the probe reports.
  bool Allow(base::TimePoint now);
  void Succeeded();
  void Failed(FailureKind kind, base::TimePoint now);
  // An allowed turn ended without a verdict on the endpoint (its own deadline, answers the
  // guards kept refusing): the probe, if it was one, is free again; the state is unchanged.
  void Ended();
  CircuitState State(base::TimePoint now) const;

 private:
  const CircuitSettings settings_;
  mutable std::mutex mutex_;
  int failures_ = 0;                           // in a row; guarded by mutex_
  std::optional<base::TimePoint> open_until_;  // guarded by mutex_
  bool probing_ = false;                       // guarded by mutex_
};

}  // namespace brain::llm
