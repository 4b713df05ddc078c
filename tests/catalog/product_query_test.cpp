#include "catalog/product_query.h"

#include <gtest/gtest.h>

namespace catalog {
namespace {

core::Product Cafe() {
  core::Product p;
  p.name = "Café Latte";
  p.sku = "CL-01";
  p.category = "Drinks";
  p.description = "Espresso with steamed MILK";
  p.attributes = {{"size", "Grande"}, {"origin", "São Tomé"}};
  return p;
}

TEST(ProductQueryTest, MatchesEveryTextFieldIgnoringCaseAndAccents) {
  for (const char* text :
       {"cafe", "CAFÉ LAT", "cl-0", "drinks", "milk", "grande", "sao tome", "  latte  "}) {
    EXPECT_TRUE(ProductQuery(text).Matches(Cafe())) << text;
  }
}

TEST(ProductQueryTest, ABlankTextMatchesEverything) {
  EXPECT_TRUE(ProductQuery("").Matches(Cafe()));
  EXPECT_TRUE(ProductQuery(" \t").Matches(Cafe()));
}

TEST(ProductQueryTest, OtherTextsAndAttributeNamesDoNotMatch) {
  for (const char* text : {"juice", "origin", "size", "latte grande"}) {
    EXPECT_FALSE(ProductQuery(text).Matches(Cafe())) << text;
  }
}

}  // namespace
}  // namespace catalog
