// Passwords of CRM users: the rules a new one must meet, and Argon2id hashing (libsodium's
// crypto_pwhash_str: the hash is a self-describing string holding its salt and costs, so the
// costs can rise later without breaking stored hashes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace api {

inline constexpr std::size_t kMinPasswordLength = 10;  // bytes
// Longer passwords are refused rather than hashed: the cost of hashing must stay bounded.
inline constexpr std::size_t kMaxPasswordLength = 1024;

// kInvalidArgument saying what is wrong: too short, too long, or only spaces.
base::Status CheckNewPassword(std::string_view password);

// The Argon2id hash of a password that passes CheckNewPassword (kInvalidArgument otherwise;
// kInternal when hashing fails, e.g. out of memory). About 0.1 s and 64 MiB: call it off the
// io threads.
base::Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash` (constant time in the password). False for a malformed
// hash and for a password over kMaxPasswordLength.
bool VerifyPassword(const std::string& hash, std::string_view password);

}  // namespace api
