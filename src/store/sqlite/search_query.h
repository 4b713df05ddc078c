// A user's search as an FTS5 query over the search tables of migration 8 (unicode61 tokens,
// accents and case folded).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace store::sqlite {

// The MATCH expression that finds rows holding every word of `text`, each as the start of a word:
// "ana silv" gives `"ana"* "silv"*`. A word is a run of ASCII letters and digits and non-ASCII
// bytes; everything else separates words. One-character words must match a whole word (a
// one-character prefix would read most of the index). nullopt when `text` has no word.
std::optional<std::string> SearchExpression(std::string_view text);

}  // namespace store::sqlite
