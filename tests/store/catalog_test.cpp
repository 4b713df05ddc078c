#include <gtest/gtest.h>

#include <vector>

#include "store/store_fixture.h"

namespace store {
namespace {

using CatalogTest = StoreTest;

std::vector<core::Product> Bikes() {
  return {
      {"Road bike",
       "RB-1",
       "999.90",
       "EUR",
       3,
       "bikes",
       "Light and fast.",
       {{"size", "M"}, {"colour", "red"}}},
      {"Helmet", "", "", "", std::nullopt, "", "", {}},
      {"Bell", "B-7", "4.50", "EUR", 0, "accessories", "Ding.", {{"sound", "ding"}}},
  };
}

TEST_P(CatalogTest, NeverUploadedIsEmptyAtVersionZero) {
  base::Result<core::Catalog> catalog = store_->LoadCatalog(ws_);
  ASSERT_TRUE(catalog.ok());
  EXPECT_TRUE(catalog->products.empty());
  EXPECT_EQ(catalog->version, 0);
}

TEST_P(CatalogTest, ReplaceStoresProductsInOrderWithAttributes) {
  const std::vector<core::Product> bikes = Bikes();
  base::Result<std::int64_t> version = store_->ReplaceCatalog(ws_, bikes);
  ASSERT_TRUE(version.ok()) << version.error().message;
  base::Result<core::Catalog> catalog = store_->LoadCatalog(ws_);
  ASSERT_TRUE(catalog.ok());
  EXPECT_EQ(catalog->products, bikes);
  EXPECT_EQ(catalog->version, *version);
  EXPECT_GT(*version, 0);
}

TEST_P(CatalogTest, ReplaceMakesTheFileTheWholeCatalog) {
  ASSERT_TRUE(store_->ReplaceCatalog(ws_, Bikes()).ok());
  const std::vector<core::Product> one = {{"Tandem", "T-2", "1500", "EUR", 1, "", "", {}}};
  const std::int64_t version = store_->ReplaceCatalog(ws_, one).value();
  base::Result<core::Catalog> catalog = store_->LoadCatalog(ws_);
  EXPECT_EQ(catalog->products, one);
  EXPECT_EQ(catalog->version, version);
}

TEST_P(CatalogTest, EveryReplaceAndClearBumpsTheVersion) {
  const std::int64_t v1 = store_->ReplaceCatalog(ws_, Bikes()).value();
  const std::int64_t v2 = store_->ReplaceCatalog(ws_, Bikes()).value();
  const std::int64_t v3 = store_->ClearCatalog(ws_).value();
  EXPECT_LT(v1, v2);
  EXPECT_LT(v2, v3);
  base::Result<core::Catalog> catalog = store_->LoadCatalog(ws_);
  EXPECT_TRUE(catalog->products.empty());
  EXPECT_EQ(catalog->version, v3);
}

TEST_P(CatalogTest, CatalogsAreIsolatedPerWorkspace) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  ASSERT_TRUE(store_->ReplaceCatalog(ws_, Bikes()).ok());
  base::Result<core::Catalog> catalog = store_->LoadCatalog(other);
  ASSERT_TRUE(catalog.ok());
  EXPECT_TRUE(catalog->products.empty());
  EXPECT_EQ(catalog->version, 0);
  ASSERT_TRUE(store_->ClearCatalog(other).ok());
  EXPECT_EQ(store_->LoadCatalog(ws_).value().products, Bikes());
}

TEST_P(CatalogTest, UnknownWorkspaceIsNotFound) {
  EXPECT_EQ(store_->ReplaceCatalog(ws_ + 100, Bikes()).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->ClearCatalog(ws_ + 100).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->LoadCatalog(ws_ + 100).error().code, base::ErrorCode::kNotFound);
}

TEST_P(CatalogTest, CatalogSurvivesReopen) {
  const std::int64_t version = store_->ReplaceCatalog(ws_, Bikes()).value();
  Reopen();
  base::Result<core::Catalog> catalog = store_->LoadCatalog(ws_);
  EXPECT_EQ(catalog->products, Bikes());
  EXPECT_EQ(catalog->version, version);
}

FRONTDESK_ON_BOTH_BACKENDS(CatalogTest);

}  // namespace
}  // namespace store
