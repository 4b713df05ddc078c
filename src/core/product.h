// A product of a workspace's catalog. The catalog has no draft: changes are live at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

// A column of the catalog file that is not a known field (size, colour, flavour...).
struct ProductAttribute {
  std::string name;
  std::string value;
  bool operator==(const ProductAttribute&) const = default;
};

struct Product {
  std::string name;  // required, never blank
  std::string sku;
  std::string price;  // a non-negative decimal as written ("19.90"), or empty when unknown
  std::string currency;
  std::optional<std::int64_t> stock;  // units in stock, when known
  std::string category;
  std::string description;
  std::vector<ProductAttribute> attributes;  // in file column order
  bool operator==(const Product&) const = default;
};

// A workspace's whole catalog. `version` grows with every replace or clear, so caches built from
// the catalog (search indexes) know when they are stale.
struct Catalog {
  std::vector<Product> products;
  std::int64_t version = 0;
};

}  // namespace core
