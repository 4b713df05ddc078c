// The model tokens each workspace's turns used today (UTC days), for the daily budget
// (LlmSettings::daily_tokens_per_workspace): once a workspace's turns have used it, its agent
// answers with the local brain until the day ends. Counted in this process: a restart starts the
// day's count again.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "base/time.h"

namespace brain::llm {

class TokenLedger {
 public:
  // The tokens the workspace's turns used on the UTC day of `now`.
  std::int64_t Used(std::int64_t workspace_id, base::TimePoint now) const;
  // Adds `tokens` (prompt and completion) to the workspace's count of the day of `now`.
  void Add(std::int64_t workspace_id, base::TimePoint now, std::int64_t tokens);

 private:
  struct Day {
    std::int64_t day = 0;  // days since the epoch, UTC
    std::int64_t tokens = 0;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, Day> used_;  // guarded by mutex_
};

}  // namespace brain::llm
