// UTF-8 checks for uploaded text: finding the first invalid byte, and making any bytes safe to
// quote in a message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace catalog {

// The offset of the first byte at or after `from` that does not belong to a well-formed UTF-8
// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or text.size()
// when the rest of `text` is valid. REQUIRES: from <= text.size().
std::size_t FindInvalidUtf8(std::string_view text, std::size_t from = 0);

inline bool IsValidUtf8(std::string_view text) { return FindInvalidUtf8(text) == text.size(); }

// `text` with every invalid byte replaced by U+FFFD, so it can go into a message or JSON.
std::string SanitizeUtf8(std::string_view text);

}  // namespace catalog
