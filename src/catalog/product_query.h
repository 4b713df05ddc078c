// Finding products by a search text, as the CRM's catalog list does.
#pragma once

#include <string>
#include <string_view>

#include "core/product.h"

namespace catalog {

// A product matches when the text occurs in its name, sku, category, description or an
// attribute's value, ignoring case and accents ("cafe" finds "Café"). A blank text matches every
// product. Thread-safe once built (no shared state).
class ProductQuery {
 public:
  explicit ProductQuery(std::string_view text);

  bool Matches(const core::Product& product) const;

 private:
  std::string folded_;  // the text, folded as text::Fold does; empty for a blank text
};

}  // namespace catalog
