#include "store/sqlite/search_query.h"

namespace store::sqlite {
namespace {

bool IsWordByte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

}  // namespace

std::optional<SearchQuery> ParseSearch(std::string_view text) {
  SearchQuery query;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && IsWordByte(text[i])) ++i;
    const std::size_t length = i - start;
    // A word holds no '"', so quoting it is enough to keep FTS5 syntax out.
    if (!query.expression.empty()) query.expression += ' ';
    query.expression += '"';
    query.expression += text.substr(start, length);
    query.expression += '"';
    if (length > 1) query.expression += '*';
    if (length > kIndexedPrefixBytes) query.indexed = false;
  }
  if (query.expression.empty()) return std::nullopt;
  return query;
}

}  // namespace store::sqlite
