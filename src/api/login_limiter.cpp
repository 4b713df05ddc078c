#include "api/login_limiter.h"

namespace api {

base::Result<std::optional<base::TimePoint>> LoginLimiter::RefusedUntil(const std::string& key,
                                                                        base::TimePoint now) {
  base::Result<core::SignInFailures> failures = users_.FailedSignIns(key, now, window_);
  if (!failures.ok()) return failures.error();
  if (failures->count < max_failures_) return std::optional<base::TimePoint>();
  return std::optional<base::TimePoint>(failures->first + window_);
}

base::Status LoginLimiter::Failed(const std::string& key, base::TimePoint now) {
  return users_.RecordFailedSignIn(key, now, window_);
}

base::Status LoginLimiter::Succeeded(const std::string& key) {
  return users_.ClearFailedSignIns(key);
}

}  // namespace api
