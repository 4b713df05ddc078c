// libsodium's one-time set-up, for every user of it (sodium_init before any other of its calls).
#pragma once

#include <sodium.h>

namespace base {

// True once libsodium is initialised (the first call does it; thread-safe). False when it cannot
// be used (no source of randomness): nothing may be hashed or generated then.
inline bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace base
