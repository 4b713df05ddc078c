#include "channels/constant_time.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

namespace channels {
namespace {

using Digest = std::array<unsigned char, EVP_MAX_MD_SIZE>;

bool Sha256(std::string_view data, Digest& digest) {
  unsigned int length = 0;
  return EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) == 1;
}

}  // namespace

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  Digest digest_a{};
  Digest digest_b{};
  if (!Sha256(a, digest_a) || !Sha256(b, digest_b)) return false;
  return CRYPTO_memcmp(digest_a.data(), digest_b.data(), digest_a.size()) == 0;
}

}  // namespace channels
