// A user's search as an FTS5 query over the search tables of migration 8 (unicode61 tokens,
// accents and case folded, prefix indexes of 2 to kIndexedPrefixBytes characters).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace store::sqlite {

// The longest prefix the search tables index (their `prefix` option, in characters; a word of
// at most this many bytes has at most this many characters).
inline constexpr std::size_t kIndexedPrefixBytes = 6;

struct SearchQuery {
  // Finds rows holding every word, each as the start of a word: "ana silv" gives
  // `"ana"* "silv"*`.
  std::string expression;
  // True when every word is found in the index directly (a whole word, or a prefix the index
  // holds): then testing one row is cheap. A longer prefix merges the lists of every word that
  // starts with it, on each test.
  bool indexed = true;
};

// The query for the words of `text` (store/search_words.h). nullopt when `text` has no word.
std::optional<SearchQuery> ParseSearch(std::string_view text);

}  // namespace store::sqlite
