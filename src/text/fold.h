// Case and accent folding of UTF-8 text, so "Ação", "ACAO" and "acao" compare equal.
#pragma once

#include <string>
#include <string_view>

namespace text {

// Returns `utf8` lower-cased with the diacritics of Latin letters removed: A-Z and the Latin-1
// Supplement and Latin Extended-A letters map to ASCII (á→a, Ñ→n, ç→c, ß→ss, œ→oe). Typographic
// apostrophes (’ ‘) become ', the no-break space becomes a space, and other code points are kept
// as they are. Malformed UTF-8 bytes become spaces. Never fails; thread-safe.
std::string Fold(std::string_view utf8);

// Decodes the code point starting at `utf8[pos]` and advances `pos` past it. A malformed or
// truncated sequence yields kInvalidCodePoint and advances by one byte.
// REQUIRES: pos < utf8.size().
inline constexpr char32_t kInvalidCodePoint = 0xFFFD;
char32_t DecodeUtf8(std::string_view utf8, std::size_t& pos);

}  // namespace text
