// Small ASCII text helpers shared by every module (anything language-aware lives in text/).
#pragma once

#include <string>
#include <string_view>

namespace base {

// `s` without leading and trailing ASCII whitespace (space, tab, CR, LF, FF, VT).
std::string_view Trim(std::string_view s);

// `s` with A-Z lowered; every other byte (UTF-8 included) unchanged.
std::string AsciiLower(std::string_view s);

}  // namespace base
