// SHA-256 (libsodium's), for what is kept instead of a secret: the hash of a session or API
// token, of a web chat visitor's cookie.
#pragma once

#include <string>
#include <string_view>

namespace base {

// The SHA-256 of `data` in lowercase hex (64 characters). Thread-safe.
std::string Sha256Hex(std::string_view data);

}  // namespace base
