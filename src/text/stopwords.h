// Function words that carry no topic ("the", "de", "não"), per language.
#pragma once

#include <string_view>

#include "text/stemmer.h"

namespace text {

// True when `folded_word` (see text/fold.h: lower case, no accents) is a stopword of `language`.
// Thread-safe.
bool IsStopword(Language language, std::string_view folded_word);

// True when `folded_word` is a stopword of any language.
bool IsStopwordOfAny(std::string_view folded_word);

}  // namespace text
