// A core::TokenUsage that counts in memory, for an EndpointState whose turns nothing should
// remember: the wizard's model check (model_check.h) counts its one turn here, against no
// workspace's budget.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <map>
#include <mutex>
#include <utility>

#include "core/token_usage.h"

namespace brain::llm {

class TokensInMemory final : public core::TokenUsage {
 public:
  base::Result<std::int64_t> TokensUsed(std::int64_t workspace_id, std::int64_t day) override {
    std::lock_guard lock(mutex_);
    const auto it = tokens_.find({workspace_id, day});
    return it != tokens_.end() ? it->second : 0;
  }
  base::Status AddTokens(std::int64_t workspace_id, std::int64_t day,
                         std::int64_t tokens) override {
    std::lock_guard lock(mutex_);
    tokens_[{workspace_id, day}] += tokens;
    return base::Status::Ok();
  }

 private:
  std::mutex mutex_;
  std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> tokens_;  // guarded by mutex_
};

}  // namespace brain::llm
