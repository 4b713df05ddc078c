// The signature of an outgoing webhook delivery, sent in the X-Frontdesk-Signature header:
//
//   X-Frontdesk-Signature: t=1763631000,v1=<64 lowercase hex digits>
//
// v1 is HMAC-SHA256, keyed with the webhook's secret, of the ASCII decimal timestamp, a '.', and
// the raw body bytes. A receiver recomputes it, compares in constant time, and refuses a
// timestamp far from its own clock (a replayed delivery).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace api {

inline constexpr std::string_view kWebhookSignatureHeader = "X-Frontdesk-Signature";

// The header value for `body` sent at `unix_seconds`. Thread-safe.
std::string SignWebhook(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

}  // namespace api
