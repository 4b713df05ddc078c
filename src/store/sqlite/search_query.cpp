#include "store/sqlite/search_query.h"

namespace store::sqlite {
namespace {

bool IsWordByte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

}  // namespace

std::optional<std::string> SearchExpression(std::string_view text) {
  std::string expression;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && IsWordByte(text[i])) ++i;
    // A word holds no '"', so quoting it is enough to keep FTS5 syntax out.
    if (!expression.empty()) expression += ' ';
    expression += '"';
    expression += text.substr(start, i - start);
    expression += '"';
    if (i - start > 1) expression += '*';
  }
  if (expression.empty()) return std::nullopt;
  return expression;
}

}  // namespace store::sqlite
