#include "http/request.h"

#include <gtest/gtest.h>

namespace http {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndKeepsPlusInPaths) {
  EXPECT_EQ(PercentDecode("/a%20b%2Fc+d"), "/a b/c+d");
  EXPECT_EQ(PercentDecode("a+b%2B", /*plus_is_space=*/true), "a b+");
  EXPECT_EQ(PercentDecode("%C3%A9"), "\xC3\xA9");
}

TEST(PercentDecodeTest, RejectsMalformedEscapesAndNul) {
  for (const char* bad : {"%", "%4", "%zz", "a%g1", "%00"}) {
    EXPECT_FALSE(PercentDecode(bad).has_value()) << bad;
  }
}

TEST(RequestTest, SetTargetSplitsAndDecodesThePath) {
  Request r;
  ASSERT_TRUE(r.SetTarget("/chat/a%20b?x=1&y=%2F"));
  EXPECT_EQ(r.target, "/chat/a%20b?x=1&y=%2F");
  EXPECT_EQ(r.path, "/chat/a b");
  EXPECT_EQ(r.query, "x=1&y=%2F");
}

TEST(RequestTest, SetTargetRefusesNonOriginFormAndBadEscapes) {
  Request r;
  EXPECT_FALSE(r.SetTarget("http://example.com/"));
  EXPECT_FALSE(r.SetTarget("*"));
  EXPECT_FALSE(r.SetTarget("/a%zz"));
  EXPECT_TRUE(r.target.empty());
}

TEST(RequestTest, QueryDecodesTheFirstMatchingParameter) {
  Request r;
  ASSERT_TRUE(r.SetTarget("/?q=linen+napkins&tag=a&tag=b&flag&enc=%26%3D&bad=%zz"));
  EXPECT_EQ(r.Query("q"), "linen napkins");
  EXPECT_EQ(r.Query("tag"), "a");
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_EQ(r.Query("enc"), "&=");
  EXPECT_EQ(r.Query("bad"), std::nullopt);
  EXPECT_EQ(r.Query("missing"), std::nullopt);
}

TEST(RequestTest, HeaderLookupIgnoresCase) {
  Request r;
  r.headers = {{"Content-Type", "application/json"}, {"X-Hub-Signature-256", "sha256=ab"}};
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("X-HUB-SIGNATURE-256"), "sha256=ab");
  EXPECT_EQ(r.Header("Accept"), std::nullopt);
}

TEST(RequestTest, CookiesComeFromEveryCookieHeader) {
  Request r;
  r.headers = {{"Cookie", "session=abc; theme=\"dark\"; broken; =x"}, {"cookie", "lang=pt"}};
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"session", "abc"}, {"theme", "dark"}, {"lang", "pt"}};
  EXPECT_EQ(r.Cookies(), expected);
  EXPECT_EQ(r.Cookie("session"), "abc");
  EXPECT_EQ(r.Cookie("Session"), std::nullopt);
}

TEST(RequestTest, PathParamsAreFoundByName) {
  Request r;
  r.path_params = {{"workspace", "casa-verde"}};
  EXPECT_EQ(r.PathParam("workspace"), "casa-verde");
  EXPECT_EQ(r.PathParam("id"), std::nullopt);
}

TEST(MethodTest, ParsesExactTokensOnly) {
  EXPECT_EQ(ParseMethod("GET"), Method::kGet);
  EXPECT_EQ(ParseMethod("DELETE"), Method::kDelete);
  EXPECT_EQ(ParseMethod("get"), Method::kOther);
  EXPECT_EQ(ParseMethod("OTHER"), Method::kOther);
  EXPECT_EQ(ToString(Method::kPatch), "PATCH");
}

}  // namespace
}  // namespace http
