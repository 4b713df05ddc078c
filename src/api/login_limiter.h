// Limits failed sign-ins: after `max_failures` within `window` for one key (an email, a client
// address), that key is refused until the window that began with its first failure ends. A
// success clears the key. The counts are in the database (core::Users::RecordFailedSignIn), so
// every instance behind a load balancer applies one limit.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "base/time.h"
#include "core/user.h"

namespace api {

class LoginLimiter {
 public:
  // `users` is borrowed and must outlive the limiter.
  LoginLimiter(core::Users& users, int max_failures, base::Duration window)
      : users_(users), max_failures_(max_failures), window_(window) {}

  // When the key may try again, if it is refused at `now`; the store's error when it cannot
  // tell.
  base::Result<std::optional<base::TimePoint>> RefusedUntil(const std::string& key,
                                                            base::TimePoint now);
  base::Status Failed(const std::string& key, base::TimePoint now);
  base::Status Succeeded(const std::string& key);

 private:
  core::Users& users_;
  const int max_failures_;
  const base::Duration window_;
};

}  // namespace api
