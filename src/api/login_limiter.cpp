#include "api/login_limiter.h"

namespace api {

std::optional<base::TimePoint> LoginLimiter::RefusedUntil(const std::string& key,
                                                          base::TimePoint now) {
  std::lock_guard lock(mutex_);
  const auto it = counts_.find(key);
  if (it == counts_.end() || it->second.failures < max_failures_) return std::nullopt;
  const base::TimePoint until = it->second.first + window_;
  if (now >= until) return std::nullopt;
  return until;
}

void LoginLimiter::Failed(const std::string& key, base::TimePoint now) {
  std::lock_guard lock(mutex_);
  std::erase_if(counts_, [&](const auto& entry) { return now >= entry.second.first + window_; });
  Count& count = counts_[key];
  if (count.failures == 0) count.first = now;
  ++count.failures;
}

void LoginLimiter::Succeeded(const std::string& key) {
  std::lock_guard lock(mutex_);
  counts_.erase(key);
}

}  // namespace api
