#include "channels/handshake.h"

#include <vector>

#include "channels/constant_time.h"
#include "channels/query_string.h"

namespace channels {
namespace {

constexpr std::string_view kMode = "hub.mode";
constexpr std::string_view kVerifyToken = "hub.verify_token";
constexpr std::string_view kChallenge = "hub.challenge";
constexpr std::string_view kSubscribe = "subscribe";
constexpr char kFirstPrintable = ' ';
constexpr char kLastPrintable = '~';

// The single value of `name`; nullopt when absent or repeated (ambiguous).
std::optional<std::string> Single(const std::vector<QueryParameter>& parameters,
                                  std::string_view name) {
  std::optional<std::string> found;
  for (const QueryParameter& parameter : parameters) {
    if (parameter.name != name) continue;
    if (found) return std::nullopt;
    found = parameter.value;
  }
  return found;
}

bool IsPrintableAscii(std::string_view text) {
  for (const char c : text) {
    if (c < kFirstPrintable || c > kLastPrintable) return false;
  }
  return true;
}

}  // namespace

std::optional<Handshake> ParseHandshake(std::string_view raw_query) {
  const auto parameters = ParseQuery(raw_query);
  if (!parameters) return std::nullopt;
  const auto mode = Single(*parameters, kMode);
  auto token = Single(*parameters, kVerifyToken);
  auto challenge = Single(*parameters, kChallenge);
  if (!mode || !token || !challenge || *mode != kSubscribe) return std::nullopt;
  if (challenge->empty() || challenge->size() > kMaxChallengeLength ||
      !IsPrintableAscii(*challenge)) {
    return std::nullopt;
  }
  return Handshake{std::move(*token), std::move(*challenge)};
}

std::optional<std::string> AnswerHandshake(const Handshake& handshake,
                                           std::string_view verify_token) {
  if (verify_token.empty() || !ConstantTimeEquals(handshake.verify_token, verify_token)) {
    return std::nullopt;
  }
  return handshake.challenge;
}

std::optional<std::string> VerifyHandshake(std::string_view raw_query,
                                           std::string_view verify_token) {
  const auto handshake = ParseHandshake(raw_query);
  if (!handshake) return std::nullopt;
  return AnswerHandshake(*handshake, verify_token);
}

}  // namespace channels
