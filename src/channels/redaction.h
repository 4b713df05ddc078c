// Internal: making provider texts safe to store and show.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace channels {

// `text` with every occurrence of `secret` (when not empty: the token a request carried, whatever
// its shape) and every word shaped like a Meta access token (a run of 20 or more letters, digits,
// '_' or '-' starting with "EAA" or "IGAA") replaced by "[redacted]", then cut to at most
// `max_bytes` bytes without splitting a UTF-8 sequence.
std::string RedactSecrets(std::string_view text, std::size_t max_bytes,
                          std::string_view secret = {});

}  // namespace channels
