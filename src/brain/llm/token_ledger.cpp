#include "brain/llm/token_ledger.h"

#include <chrono>

namespace brain::llm {
namespace {

std::int64_t DayOf(base::TimePoint t) {
  return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
}

}  // namespace

std::int64_t TokenLedger::Used(std::int64_t workspace_id, base::TimePoint now) const {
  std::lock_guard lock(mutex_);
  const auto it = used_.find(workspace_id);
  return it != used_.end() && it->second.day == DayOf(now) ? it->second.tokens : 0;
}

void TokenLedger::Add(std::int64_t workspace_id, base::TimePoint now, std::int64_t tokens) {
  std::lock_guard lock(mutex_);
  Day& d = used_[workspace_id];
  if (d.day != DayOf(now)) d = Day{DayOf(now), 0};
  d.tokens += tokens;
}

}  // namespace brain::llm
