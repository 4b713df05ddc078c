#include "catalog/product_query.h"

#include "base/strings.h"
#include "text/fold.h"

namespace catalog {

ProductQuery::ProductQuery(std::string_view text) : folded_(text::Fold(base::Trim(text))) {}

bool ProductQuery::Matches(const core::Product& p) const {
  if (folded_.empty()) return true;
  const auto has = [this](std::string_view field) {
    return text::Fold(field).find(folded_) != std::string::npos;
  };
  if (has(p.name) || has(p.sku) || has(p.category) || has(p.description)) return true;
  for (const core::ProductAttribute& a : p.attributes) {
    if (has(a.value)) return true;
  }
  return false;
}

}  // namespace catalog
