#include "base/sha256.h"

#include <sodium.h>

#include "base/sodium.h"

namespace base {

std::string Sha256Hex(std::string_view data) {
  (void)SodiumReady();  // hashing needs no randomness: it works either way
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string hex(2 * sizeof digest + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();  // the terminating NUL
  return hex;
}

}  // namespace base
