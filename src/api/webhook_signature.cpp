#include "api/webhook_signature.h"

#include <array>

#include "base/sodium.h"

namespace api {

std::string SignWebhook(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
  (void)base::SodiumReady();  // an HMAC needs no randomness: it works either way
  const std::string timestamp = std::to_string(unix_seconds);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  const auto update = [&state](std::string_view part) {
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                  part.size());
  };
  update(timestamp);
  update(".");
  update(body);
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::array<char, 2 * crypto_auth_hmacsha256_BYTES + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return "t=" + timestamp + ",v1=" + std::string(hex.data(), hex.size() - 1);
}

}  // namespace api
