#include "http/response.h"

#include <gtest/gtest.h>

namespace http {
namespace {

using namespace std::chrono_literals;

TEST(ResponseTest, HelpersSetStatusTypeAndBody) {
  const Response json = Response::Json(201, R"({"id":1})");
  EXPECT_EQ(json.status, 201);
  EXPECT_EQ(json.Header("content-type"), "application/json");
  EXPECT_EQ(json.body, R"({"id":1})");
  EXPECT_EQ(Response::NotFound().status, 404);
  EXPECT_EQ(Response::PayloadTooLarge().status, 413);
  EXPECT_EQ(Response::HeadersTooLarge().status, 431);
  EXPECT_EQ(Response::NoContent().body, "");
  const Response not_allowed = Response::MethodNotAllowed("GET, POST");
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(not_allowed.Header("Allow"), "GET, POST");
}

TEST(ResponseTest, SetCookieWritesEveryAttribute) {
  Response r = Response::Text(200, "ok");
  ASSERT_TRUE(r.SetCookie("session", "abc123", {.path = "/app", .max_age = 90min}));
  CookieOptions lax_insecure;
  lax_insecure.http_only = false;
  lax_insecure.secure = false;
  lax_insecure.same_site = SameSite::kStrict;
  ASSERT_TRUE(r.SetCookie("theme", "dark", lax_insecure));
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0].value,
            "session=abc123; Path=/app; Max-Age=5400; HttpOnly; Secure; SameSite=Lax");
  EXPECT_EQ(r.headers[1].value, "theme=dark; Path=/; SameSite=Strict");
}

TEST(ResponseTest, SetCookieRefusesBytesThatWouldSplitTheHeader) {
  Response r;
  EXPECT_FALSE(r.SetCookie("a", "x; Domain=evil"));
  EXPECT_FALSE(r.SetCookie("a", "x\r\nSet-Cookie: b=1"));
  EXPECT_FALSE(r.SetCookie("bad name", "x"));
  EXPECT_TRUE(r.headers.empty());
}

TEST(HeaderValidityTest, NamesAreTokensAndValuesHaveNoLineBreaks) {
  EXPECT_TRUE(IsValidHeaderName("X-Request-Id"));
  EXPECT_FALSE(IsValidHeaderName(""));
  EXPECT_FALSE(IsValidHeaderName("Bad:Name"));
  EXPECT_TRUE(IsValidHeaderValue("text, with spaces\tand \xC3\xA9"));
  EXPECT_FALSE(IsValidHeaderValue("a\r\nInjected: 1"));
  EXPECT_FALSE(IsValidHeaderValue(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace http
