// The catalog over HTTP: the owner uploads a file (a form or a CSV body) that becomes the whole
// catalog, or clears it; members list and search it; a bad upload changes nothing; the indexing
// state follows the live agent's background build.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "catalog/csv_import.h"
#include "e2e/api_fixture.h"
#include "e2e/fake_graph.h"

namespace e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kCatalog = "/api/v1/workspaces/shop/catalog";
constexpr const char* kBoundary = "----frontdesk-test-7MA4YWxkTrZu0gW";
constexpr const char* kCsv =
    "name,sku,price,currency,stock,category,description,colour\n"
    "Mug,M-1,9.90,eur,12,Kitchen,Stoneware mug,Blue\n"
    "Café Latte Cup,C-2,4,EUR,,Kitchen,For coffee,White\n"
    "Tote bag,T-3,15,EUR,3,Bags,Canvas,Green\n";

std::string Form(const std::string& field, const std::string& file) {
  return std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + field +
         "\"; filename=\"catalog.csv\"\r\nContent-Type: text/csv\r\n\r\n" + file + "\r\n--" +
         kBoundary + "--\r\n";
}

const std::string kFormType = std::string("multipart/form-data; boundary=") + kBoundary;

class CatalogE2eTest : public ApiTest {
 protected:
  Answer Upload(const httplib::Headers& as, const std::string& file) {
    return Call(as, "POST", kCatalog, Form("file", file), kFormType);
  }
  json List(const std::string& query = "") {
    const Answer a = Call(bea_, "GET", kCatalog + query);
    EXPECT_EQ(a.status, 200) << a.raw;
    return a.body;
  }
  // Waits for the live agent's build; returns the final state.
  std::string SettledState() {
    std::string state;
    WaitFor([&] {
      state = List()["indexing"]["state"];
      return state != "indexing";
    });
    return state;
  }
};

TEST_F(CatalogE2eTest, AnUploadedFormBecomesTheCatalogAndIsIndexed) {
  const Answer uploaded = Upload(owner_, kCsv);
  ASSERT_EQ(uploaded.status, 200) << uploaded.raw;
  EXPECT_EQ(uploaded.body["version"], 1);
  EXPECT_EQ(uploaded.body["total"], 3);
  EXPECT_THAT(uploaded.body["indexing"]["state"].get<std::string>(),
              ::testing::AnyOf("indexing", "ready"));
  EXPECT_EQ(uploaded.body["indexing"]["version"], 1);
  EXPECT_EQ(SettledState(), "ready");

  const json all = List();
  EXPECT_EQ(all["version"], 1);
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(all["products"][0], json::parse(R"({"name": "Mug", "sku": "M-1", "price": "9.90",
      "currency": "EUR", "stock": 12, "category": "Kitchen", "description": "Stoneware mug",
      "attributes": {"colour": "Blue"}})"));
  EXPECT_TRUE(all["products"][1]["stock"].is_null());
}

TEST_F(CatalogE2eTest, SearchIgnoresCaseAndAccentsAndPages) {
  ASSERT_EQ(Upload(owner_, kCsv).status, 200);
  const json kitchen = List("?q=KITCHEN&limit=1");
  EXPECT_EQ(kitchen["total"], 2);
  ASSERT_EQ(kitchen["products"].size(), 1u);
  EXPECT_EQ(kitchen["products"][0]["name"], "Mug");
  const json second = List("?q=kitchen&offset=1&limit=1");
  EXPECT_EQ(second["products"][0]["name"], "Café Latte Cup");
  EXPECT_EQ(List("?q=cafe")["total"], 1);
  EXPECT_EQ(List("?q=green")["products"][0]["sku"], "T-3");  // an attribute's value
  EXPECT_EQ(List("?q=nothing%20like%20it")["total"], 0);
  EXPECT_EQ(List("?offset=5")["products"].size(), 0u);
  for (const char* bad : {"?limit=0", "?limit=201", "?offset=-1", "?offset=x", "?limit="}) {
    EXPECT_EQ(Call(bea_, "GET", kCatalog + std::string(bad)).status, 400) << bad;
  }
}

TEST_F(CatalogE2eTest, ARawCsvBodyIsAcceptedToo) {
  const Answer uploaded = Call(owner_, "POST", kCatalog, kCsv, "text/csv; charset=utf-8");
  ASSERT_EQ(uploaded.status, 200) << uploaded.raw;
  EXPECT_EQ(uploaded.body["total"], 3);
}

TEST_F(CatalogE2eTest, AnExcelWorkbookIsACatalogToo) {
  std::ifstream in(FRONTDESK_SOURCE_DIR "/tests/data/xlsx/shop.xlsx", std::ios::binary);
  const std::string workbook((std::istreambuf_iterator<char>(in)), {});
  ASSERT_FALSE(workbook.empty());
  const Answer form = Upload(owner_, workbook);
  ASSERT_EQ(form.status, 200) << form.raw;
  EXPECT_GE(form.body["total"].get<int>(), 30);
  const json mugs = List("?q=KIT-001")["products"];
  ASSERT_FALSE(mugs.empty());
  EXPECT_EQ(mugs[0]["price"], "14.90");

  const Answer body = Call(owner_, "POST", kCatalog + std::string("?sheet=Products"), workbook,
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(body.status, 200) << body.raw;
  const Answer no_sheet = Call(owner_, "POST", kCatalog + std::string("?sheet=Prices"), workbook,
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(no_sheet.status, 400);
  EXPECT_THAT(no_sheet.raw, HasSubstr("no sheet named 'Prices'; its sheets: Products"));
}

TEST_F(CatalogE2eTest, BadUploadsAre400AndChangeNothing) {
  ASSERT_EQ(Upload(owner_, kCsv).status, 200);
  ASSERT_EQ(SettledState(), "ready");
  const json before = List();

  const Answer bad_csv = Upload(owner_, "name,price\nMug,abc\n,3\n");
  ASSERT_EQ(bad_csv.status, 400) << bad_csv.raw;
  EXPECT_EQ(bad_csv.body["error"]["code"], "invalid_argument");
  ASSERT_EQ(bad_csv.body["error"]["lines"].size(), 2u);
  EXPECT_EQ(bad_csv.body["error"]["lines"][0]["line"], 2);
  EXPECT_THAT(bad_csv.body["error"]["lines"][0]["message"].get<std::string>(),
              HasSubstr("price 'abc'"));
  EXPECT_EQ(bad_csv.body["error"]["lines"][1]["line"], 3);

  const Answer too_big = Upload(owner_, std::string(catalog::kMaxFileBytes + 1, 'x'));
  ASSERT_EQ(too_big.status, 400) << too_big.raw.substr(0, 200);
  EXPECT_TRUE(too_big.body["error"]["lines"][0]["line"].is_null());  // the whole file

  const std::string form = Form("file", kCsv);
  const std::pair<std::string, std::string> refused[] = {
      {form.substr(0, form.size() - 10), kFormType},  // no closing boundary
      {Form("upload", kCsv), kFormType},              // no "file" field
      {form, "multipart/form-data"},                  // no boundary
      {kCsv, "application/json"},                     // neither form nor CSV
      {"", "text/csv"},                               // empty file
  };
  for (const auto& [body, type] : refused) {
    const Answer a = Call(owner_, "POST", kCatalog, body, type);
    EXPECT_EQ(a.status, 400) << type << ": " << a.raw;
  }
  // Over the upload route's own limit: refused before the body is read.
  EXPECT_EQ(StatusOfAnnouncedBody(owner_, "POST", kCatalog, 6 << 20), 413);
  EXPECT_EQ(List(), before);
}

TEST_F(CatalogE2eTest, TheUploadRouteTakesFilesOverTheServersUsualBodyLimit) {
  // About 4.6 MB: over the 4 MiB every other route takes, under the catalog's 5 MiB.
  std::string csv = "name,sku,description\n";
  for (int i = 0; i < 10'000; ++i) {
    csv += "Product " + std::to_string(i) + ",SKU-" + std::to_string(i) + "," +
           std::string(440, 'd') + "\n";
  }
  ASSERT_GT(csv.size(), std::size_t{4} << 20);
  const Answer uploaded = Upload(owner_, csv);
  ASSERT_EQ(uploaded.status, 200) << uploaded.raw.substr(0, 300);
  EXPECT_EQ(uploaded.body["total"], 10'000);
  EXPECT_EQ(
      StatusOfAnnouncedBody(owner_, "PATCH", "/api/v1/workspaces/shop/config/draft", csv.size()),
      413);
}

TEST_F(CatalogE2eTest, ClearingEmptiesTheCatalog) {
  ASSERT_EQ(Upload(owner_, kCsv).status, 200);
  const Answer cleared = Call(owner_, "DELETE", kCatalog);
  ASSERT_EQ(cleared.status, 200) << cleared.raw;
  EXPECT_EQ(cleared.body["version"], 2);
  EXPECT_EQ(cleared.body["total"], 0);
  EXPECT_EQ(SettledState(), "empty");
  EXPECT_EQ(List()["products"].size(), 0u);
}

TEST_F(CatalogE2eTest, APublishRebuildsTheAgentFromTheCatalog) {
  ASSERT_EQ(Upload(owner_, kCsv).status, 200);
  ASSERT_EQ(SettledState(), "ready");
  ASSERT_EQ(Call(owner_, "POST", "/api/v1/workspaces/shop/config/publish", json::object()).status,
            200);
  EXPECT_EQ(SettledState(), "ready");
}

TEST_F(CatalogE2eTest, CollaboratorsReadButNeverChangeIt) {
  ASSERT_EQ(Upload(owner_, kCsv).status, 200);
  EXPECT_EQ(Upload(bea_, "name\nMine\n").status, 403);
  EXPECT_EQ(Call(bea_, "POST", kCatalog, "name\nMine\n", "text/csv").status, 403);
  EXPECT_EQ(Call(bea_, "DELETE", kCatalog).status, 403);
  EXPECT_EQ(List()["total"], 3);
}

TEST_F(CatalogE2eTest, AnotherWorkspacesCatalogDoesNotExist) {
  ASSERT_TRUE(crm_.AddWorkspace("other"));
  const std::string other = "/api/v1/workspaces/other/catalog";
  const std::string none = "/api/v1/workspaces/nowhere/catalog";
  EXPECT_EQ(Call(owner_, "GET", other).status, 404);
  const Answer upload = Call(owner_, "POST", other, Form("file", kCsv), kFormType);
  EXPECT_EQ(upload.status, 404);
  EXPECT_EQ(upload.raw, Call(owner_, "POST", none, Form("file", kCsv), kFormType).raw);
  EXPECT_EQ(Call(owner_, "DELETE", other).status, 404);
}

}  // namespace
}  // namespace e2e
