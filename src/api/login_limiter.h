// Limits failed sign-ins: after `max_failures` within `window` for one key (an email, a client
// address), that key is refused until the window that began with its first failure ends. A
// success clears the key. In memory: each instance counts its own (behind a load balancer with
// several instances, the limit is per instance).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "base/time.h"

namespace api {

class LoginLimiter {
 public:
  LoginLimiter(int max_failures, base::Duration window)
      : max_failures_(max_failures), window_(window) {}

  // When the key may try again, if it is refused at `now`.
  std::optional<base::TimePoint> RefusedUntil(const std::string& key, base::TimePoint now);
  void Failed(const std::string& key, base::TimePoint now);
  void Succeeded(const std::string& key);

 private:
  struct Count {
    base::TimePoint first;
    int failures = 0;
  };
  const int max_failures_;
  const base::Duration window_;
  std::mutex mutex_;
  std::map<std::string, Count> counts_;  // guarded by mutex_; stale entries go on the next Failed
};

}  // namespace api
