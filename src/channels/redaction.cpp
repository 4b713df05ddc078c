#include "channels/redaction.h"

#include <array>
#include <cctype>

namespace channels {
namespace {

constexpr std::size_t kMinTokenLength = 20;
constexpr std::array<std::string_view, 2> kTokenPrefixes{"EAA", "IGAA"};
constexpr std::string_view kRedacted = "[redacted]";
constexpr unsigned char kContinuationMask = 0xC0;
constexpr unsigned char kContinuation = 0x80;

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

bool LooksLikeToken(std::string_view word) {
  if (word.size() < kMinTokenLength) return false;
  for (const std::string_view prefix : kTokenPrefixes) {
    if (word.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

}  // namespace

std::string RedactSecrets(std::string_view text, std::size_t max_bytes, std::string_view secret) {
  std::string known(text);
  for (std::size_t at = secret.empty() ? std::string::npos : known.find(secret);
       at != std::string::npos; at = known.find(secret, at + kRedacted.size())) {
    known.replace(at, secret.size(), kRedacted);
  }
  text = known;  // then the words shaped like tokens
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsWordChar(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && IsWordChar(text[end])) ++end;
    const std::string_view word = text.substr(i, end - i);
    out += LooksLikeToken(word) ? kRedacted : word;
    i = end;
  }
  if (out.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & kContinuationMask) == kContinuation) {
      --cut;
    }
    out.resize(cut);
  }
  return out;
}

}  // namespace channels
