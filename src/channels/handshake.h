// The verification handshake of Meta's callback URL (reference §1.1): a GET with
// hub.mode=subscribe, hub.verify_token and hub.challenge. Answer 200 with the challenge as the
// text/plain body when the token is ours, 403 otherwise.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace channels {

// The challenge is echoed into a response: at most this many bytes of printable ASCII.
inline constexpr std::size_t kMaxChallengeLength = 512;

struct Handshake {
  std::string verify_token;  // secret: never log it
  std::string challenge;
};

// The handshake a raw query string asks for. nullopt when a parameter is malformed (bad percent
// escape), hub.mode, hub.verify_token or hub.challenge is missing or given twice, hub.mode is not
// "subscribe", or the challenge is empty, too long or not printable ASCII.
std::optional<Handshake> ParseHandshake(std::string_view raw_query);

// The challenge to answer with when the handshake's token equals `verify_token` (compared in
// constant time); nullopt when it differs or `verify_token` is empty (unconfigured).
std::optional<std::string> AnswerHandshake(const Handshake& handshake,
                                           std::string_view verify_token);

// ParseHandshake then AnswerHandshake: the 200 body, or nullopt for a 403.
std::optional<std::string> VerifyHandshake(std::string_view raw_query,
                                           std::string_view verify_token);

}  // namespace channels
