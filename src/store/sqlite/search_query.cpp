#include "store/sqlite/search_query.h"

#include "store/search_words.h"

namespace store::sqlite {

std::optional<SearchQuery> ParseSearch(std::string_view text) {
  SearchQuery query;
  for (std::string_view word : SearchWords(text)) {
    // A word holds no '"', so quoting it is enough to keep FTS5 syntax out.
    if (!query.expression.empty()) query.expression += ' ';
    query.expression += '"';
    query.expression += word;
    query.expression += '"';
    if (word.size() > 1) query.expression += '*';
    if (word.size() > kIndexedPrefixBytes) query.indexed = false;
  }
  if (query.expression.empty()) return std::nullopt;
  return query;
}

}  // namespace store::sqlite
