// The TokenUsage port: the model tokens each workspace's turns used per UTC day, kept where every
// instance sees them, for the daily budget (brain::llm::LlmSettings::daily_tokens_per_workspace):
// once a workspace's turns used it, its agent answers with the local brain until the day ends.
#pragma once

#include <chrono>
#include <cstdint>

#include "base/result.h"
#include "base/time.h"

namespace core {

// Days since the Unix epoch, UTC, of `t`.
inline std::int64_t UtcDay(base::TimePoint t) {
  return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
}

// Thread-safety: every method may be called from any thread. Errors as in core::Store.
class TokenUsage {
 public:
  virtual ~TokenUsage() = default;
  // The tokens the workspace's turns used on `day` (UtcDay); 0 when none.
  virtual base::Result<std::int64_t> TokensUsed(std::int64_t workspace_id, std::int64_t day) = 0;
  // Adds `tokens` to the workspace's count of `day`, in one step however many add at once.
  virtual base::Status AddTokens(std::int64_t workspace_id, std::int64_t day,
                                 std::int64_t tokens) = 0;
};

}  // namespace core
