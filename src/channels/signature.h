// The X-Hub-Signature-256 header of Meta callbacks (reference §1.2): HMAC-SHA256 of the raw
// body bytes, keyed with the app secret, as "sha256=<64 hex digits>".
//
// Hash the bytes exactly as received: Meta signs its escaped-unicode form ("\u00e9"), so a body
// decoded and re-encoded no longer matches.
#pragma once

#include <string>
#include <string_view>

namespace channels {

inline constexpr std::string_view kSignatureHeader = "X-Hub-Signature-256";

// True when `header_value` is "sha256=" followed by the 64 hex digits of HMAC-SHA256(app_secret,
// raw_body); surrounding spaces are tolerated. The digests are compared in constant time.
// False for a missing, malformed or wrong header, and for an empty secret (never verify with an
// unconfigured secret). Never throws.
bool VerifySignature(std::string_view raw_body, std::string_view header_value,
                     std::string_view app_secret);

// The header value Meta would send for `raw_body`: "sha256=" + 64 lowercase hex digits. For tests
// and fake Meta servers.
std::string Sign(std::string_view raw_body, std::string_view app_secret);

}  // namespace channels
