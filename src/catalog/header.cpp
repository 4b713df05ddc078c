#include "catalog/header.h"

#include <map>
#include <string_view>

#include "base/strings.h"
#include "catalog/field_rules.h"

namespace catalog {
namespace {

struct KnownColumn {
  std::string_view name;
  ColumnKind kind;
};

constexpr KnownColumn kKnownColumns[] = {
    {"name", ColumnKind::kName},
    {"sku", ColumnKind::kSku},
    {"price", ColumnKind::kPrice},
    {"currency", ColumnKind::kCurrency},
    {"stock", ColumnKind::kStock},
    {"category", ColumnKind::kCategory},
    {"description", ColumnKind::kDescription},
};

ColumnKind KindOf(std::string_view lowered_name) {
  for (const KnownColumn& known : kKnownColumns) {
    if (known.name == lowered_name) return known.kind;
  }
  return ColumnKind::kAttribute;
}

}  // namespace

Header ParseHeader(const std::vector<std::string>& names) {
  Header header;
  std::map<std::string, std::size_t> first_column;  // lowered name -> 1-based column
  bool has_name = false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    Column column;
    column.name = std::string(base::Trim(names[i]));
    if (!column.name.empty()) {
      const std::string lowered = base::AsciiLower(column.name);
      const auto [it, inserted] = first_column.emplace(lowered, i + 1);
      if (inserted) {
        column.kind = KindOf(lowered);
        has_name = has_name || column.kind == ColumnKind::kName;
      } else {
        header.problems.push_back("column " + QuoteForMessage(column.name) +
                                  " appears more than once (columns " + std::to_string(it->second) +
                                  " and " + std::to_string(i + 1) + ")");
      }
    }
    header.columns.push_back(std::move(column));
  }
  if (!has_name) {
    header.problems.insert(header.problems.begin(),
                           "the header row has no 'name' column (the first row must name the "
                           "columns, e.g. name,sku,price)");
  }
  return header;
}

}  // namespace catalog
