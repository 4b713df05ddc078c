// The dashboard's routes and the web assets: every file of web/app/ is served from the binary
// with its type, ETag, 304 and gzip variant.
#include "app/dashboard_routes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/web_assets.h"

namespace app {
namespace {

namespace fs = std::filesystem;

class DashboardRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddDashboardRoutes(router_);
    ASSERT_TRUE(router_.status().ok()) << router_.status().error().message;
  }

  // GET `path` with the headers; a 404 when no route matches.
  http::Response Get(const std::string& path, http::HeaderFields headers = {}) const {
    const http::Router::Match match = router_.Find(http::Method::kGet, path);
    if (match.route == nullptr) return http::Response::NotFound();
    http::Request request;
    request.SetTarget(path);
    request.headers = std::move(headers);
    return match.route->handler(request);
  }

  http::Router router_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(DashboardRoutesTest, TheRootAndAppWithoutSlashRedirectToTheDashboard) {
  for (const char* path : {"/", "/app"}) {
    const http::Response r = Get(path);
    EXPECT_EQ(r.status, 302) << path;
    EXPECT_EQ(r.Header("Location"), "/app/") << path;
  }
}

TEST_F(DashboardRoutesTest, ThePageIsIndexHtmlWithItsTypeEtagAndNoCache) {
  const http::Response r = Get("/app/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, ReadFile(fs::path(FRONTDESK_SOURCE_DIR) / "web/app/index.html"));
  EXPECT_EQ(r.Header("Cache-Control"), "no-cache");
  const auto etag = r.Header("ETag");
  ASSERT_TRUE(etag);
  EXPECT_EQ(etag->size(), 18u);  // "<16 hex digits>"
  EXPECT_EQ(etag->front(), '"');
}

TEST_F(DashboardRoutesTest, EveryFileOfWebAppIsServedByItsNameWithItsBytesAndType) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(FRONTDESK_SOURCE_DIR) / "web/app")) {
    const std::string name = entry.path().filename().string();
    if (name == "index.html") continue;  // served at /app/
    ++files;
    const http::Response r = Get("/app/" + name);
    ASSERT_EQ(r.status, 200) << name;
    EXPECT_EQ(r.body, ReadFile(entry.path())) << name;
    const std::string ext = entry.path().extension().string();
    if (ext == ".js") {
      EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8") << name;
    } else if (ext == ".css") {
      EXPECT_EQ(r.content_type, "text/css; charset=utf-8") << name;
    }
  }
  EXPECT_GT(files, 2);
  EXPECT_EQ(Get("/app/no-such-file.js").status, 404);
  EXPECT_EQ(Get("/chat.html").status, 404);  // only web/app/ is under /app/
}

TEST_F(DashboardRoutesTest, AKnownEtagGetsA304WithoutBody) {
  const std::string etag = *Get("/app/app.css").Header("ETag");
  for (const std::string& header : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
    const http::Response r = Get("/app/app.css", {{"If-None-Match", header}});
    EXPECT_EQ(r.status, 304) << header;
    EXPECT_EQ(r.body, "") << header;
    EXPECT_EQ(r.Header("ETag"), etag) << header;
  }
  EXPECT_EQ(Get("/app/app.css", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(DashboardRoutesTest, GzipIsSentOnlyToBrowsersThatAcceptIt) {
  const http::Response plain = Get("/app/");
  const http::Response gzip = Get("/app/", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(gzip.status, 200);
  EXPECT_EQ(gzip.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gzip.Header("Vary"), "Accept-Encoding");
  ASSERT_GE(gzip.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gzip.body[0]), 0x1f);  // the gzip magic number
  EXPECT_EQ(static_cast<unsigned char>(gzip.body[1]), 0x8b);
  EXPECT_LT(gzip.body.size(), plain.body.size());
  EXPECT_NE(gzip.Header("ETag"), plain.Header("ETag"));  // another representation
  EXPECT_EQ(plain.Header("Content-Encoding"), std::nullopt);

  // The gzip variant's ETag revalidates too.
  const http::Response again =
      Get("/app/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", *gzip.Header("ETag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(Get("/app/", {{"Accept-Encoding", "gzip;q=0"}}).Header("Content-Encoding"),
            std::nullopt);
}

TEST(AcceptsGzipTest, ReadsCodingsAndTheirQuality) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, GZIP;q=0.5, br"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=1.0"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("x-gzip2"));
}

TEST(WebAssetsTest, TheWebChatFilesAreThereAndTheTableIsSortedForLookup) {
  ASSERT_NE(FindWebAsset("chat.html"), nullptr);
  EXPECT_EQ(FindWebAsset("chat.html")->bytes,
            ReadFile(fs::path(FRONTDESK_SOURCE_DIR) / "web/chat.html"));
  ASSERT_NE(FindWebAsset("widget.js"), nullptr);
  EXPECT_EQ(FindWebAsset("nope"), nullptr);
  const auto assets = WebAssets();
  for (std::size_t i = 1; i < assets.size(); ++i) EXPECT_LT(assets[i - 1].path, assets[i].path);
}

}  // namespace
}  // namespace app
