// Comparing secrets without leaking them through timing.
#pragma once

#include <string_view>

namespace channels {

// True when `a` and `b` hold the same bytes. The time taken depends on neither their content nor
// where they differ, and leaks nothing about the secret's length beyond hashing cost: both are
// hashed with SHA-256 and the digests compared with CRYPTO_memcmp.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace channels
