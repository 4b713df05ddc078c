#include "api/password.h"

#include <sodium.h>

#include <algorithm>

#include "base/sodium.h"

namespace api {
base::Status CheckNewPassword(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return base::Error::InvalidArgument("the password must be at least " +
                                        std::to_string(kMinPasswordLength) + " characters long");
  }
  if (password.size() > kMaxPasswordLength) {
    return base::Error::InvalidArgument("the password must be at most " +
                                        std::to_string(kMaxPasswordLength) + " characters long");
  }
  if (std::all_of(password.begin(), password.end(), [](char c) { return c == ' '; })) {
    return base::Error::InvalidArgument("the password must not be only spaces");
  }
  return base::Status::Ok();
}

base::Result<std::string> HashPassword(std::string_view password) {
  if (base::Status ok = CheckNewPassword(password); !ok.ok()) return ok.error();
  if (!base::SodiumReady()) return base::Error::Internal("libsodium could not be initialised");
  std::string hash(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return base::Error::Internal("the password could not be hashed (out of memory)");
  }
  hash.resize(hash.find('\0'));
  return hash;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (password.size() > kMaxPasswordLength || !base::SodiumReady()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace api
