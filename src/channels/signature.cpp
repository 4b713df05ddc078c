#include "channels/signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <climits>
#include <optional>

namespace channels {
namespace {

constexpr std::string_view kPrefix = "sha256=";
constexpr std::size_t kDigestSize = 32;  // SHA-256
constexpr std::string_view kHexDigits = "0123456789abcdef";
constexpr std::string_view kWhitespace = " \t";
constexpr int kHexBase = 16;
constexpr int kBitsPerHexDigit = 4;
constexpr int kDecimalDigits = 10;

using Digest = std::array<unsigned char, kDigestSize>;

std::optional<Digest> Hmac(std::string_view body, std::string_view secret) {
  if (secret.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
  // OpenSSL wants non-null pointers even for empty input.
  static constexpr unsigned char kEmpty[1] = {0};
  const void* key = secret.empty() ? static_cast<const void*>(kEmpty) : secret.data();
  const auto* data = body.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(body.data());
  Digest digest{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key, static_cast<int>(secret.size()), data, body.size(), digest.data(),
           &length) == nullptr ||
      length != kDigestSize) {
    return std::nullopt;
  }
  return digest;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + kDecimalDigits;
  if (c >= 'A' && c <= 'F') return c - 'A' + kDecimalDigits;
  return -1;
}

std::optional<Digest> DecodeHex(std::string_view hex) {
  if (hex.size() != 2 * kDigestSize) return std::nullopt;
  Digest out{};
  for (std::size_t i = 0; i < kDigestSize; ++i) {
    const int high = HexValue(hex[2 * i]);
    const int low = HexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out[i] = static_cast<unsigned char>(high * kHexBase + low);
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

}  // namespace

bool VerifySignature(std::string_view raw_body, std::string_view header_value,
                     std::string_view app_secret) {
  if (app_secret.empty()) return false;
  const std::string_view value = Trim(header_value);
  if (value.substr(0, kPrefix.size()) != kPrefix) return false;
  const auto given = DecodeHex(value.substr(kPrefix.size()));
  if (!given) return false;
  const auto expected = Hmac(raw_body, app_secret);
  if (!expected) return false;
  return CRYPTO_memcmp(given->data(), expected->data(), kDigestSize) == 0;
}

std::string Sign(std::string_view raw_body, std::string_view app_secret) {
  std::string out(kPrefix);
  const auto digest = Hmac(raw_body, app_secret);
  if (!digest) return out;
  for (const unsigned char byte : *digest) {
    out += kHexDigits[byte >> kBitsPerHexDigit];
    out += kHexDigits[byte & (kHexBase - 1)];
  }
  return out;
}

}  // namespace channels
