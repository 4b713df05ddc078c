// The header row of a catalog file: which product field each column fills.
#pragma once

#include <string>
#include <vector>

namespace catalog {

enum class ColumnKind {
  kName,
  kSku,
  kPrice,
  kCurrency,
  kStock,
  kCategory,
  kDescription,
  kAttribute,  // any other named column: becomes a core::ProductAttribute
  kIgnored,    // a column with a blank name, or a repeated one
};

struct Column {
  ColumnKind kind = ColumnKind::kIgnored;
  std::string name;  // as in the header, trimmed
};

struct Header {
  std::vector<Column> columns;        // one per header field, in order
  std::vector<std::string> problems;  // empty when the header is usable
};

// Maps header names to columns. Names are trimmed; known names (name, sku, price, currency, stock,
// category, description) match case-insensitively. Problems: no `name` column; a name used twice
// (case-insensitively; every repeat is reported and ignored).
Header ParseHeader(const std::vector<std::string>& names);

}  // namespace catalog
