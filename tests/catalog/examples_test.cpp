// The example workspaces under examples/ ship catalogs that must import cleanly.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "catalog/csv_import.h"

namespace catalog {
namespace {

constexpr std::size_t kMinShopProducts = 30;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(ExamplesTest, ShopCatalogImports) {
  const ImportResult result =
      ImportCsv(ReadFile(FRONTDESK_SOURCE_DIR "/examples/shop/catalog.csv"));
  EXPECT_TRUE(result.errors.empty()) << Describe(result.errors);
  EXPECT_GE(result.products.size(), kMinShopProducts);
  bool some_out_of_stock = false;
  std::set<std::string> categories;
  for (const core::Product& p : result.products) {
    EXPECT_FALSE(p.sku.empty()) << p.name;
    EXPECT_FALSE(p.price.empty()) << p.name;
    EXPECT_FALSE(p.description.empty()) << p.name;
    some_out_of_stock = some_out_of_stock || p.stock == 0;
    categories.insert(p.category);
  }
  EXPECT_TRUE(some_out_of_stock);
  EXPECT_GE(categories.size(), 3u);
}

TEST(ExamplesTest, FirmCatalogImports) {
  const ImportResult result =
      ImportCsv(ReadFile(FRONTDESK_SOURCE_DIR "/examples/firm/catalog.csv"));
  EXPECT_TRUE(result.errors.empty()) << Describe(result.errors);
  EXPECT_GE(result.products.size(), 1u);
  for (const core::Product& p : result.products) {
    EXPECT_FALSE(p.price.empty()) << p.name;
    EXPECT_FALSE(p.currency.empty()) << p.name;
    EXPECT_FALSE(p.description.empty()) << p.name;
  }
}

// The shop's catalog saved as an Excel workbook (prices as numbers formatted 0.00, stock as
// numbers, the rest text) is the same catalog.
TEST(ExamplesTest, TheShopCatalogAsAWorkbookIsTheSameCatalog) {
  const ImportResult csv = ImportCsv(ReadFile(FRONTDESK_SOURCE_DIR "/examples/shop/catalog.csv"));
  const ImportResult xlsx =
      ImportCatalog(ReadFile(FRONTDESK_SOURCE_DIR "/tests/data/xlsx/shop.xlsx"));
  EXPECT_TRUE(xlsx.errors.empty()) << Describe(xlsx.errors);
  EXPECT_EQ(xlsx.products, csv.products);
}

}  // namespace
}  // namespace catalog
