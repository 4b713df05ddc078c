#include "http/router.h"

#include <gtest/gtest.h>

namespace http {
namespace {

Handler Named(std::string name) {
  return [name](const Request&) { return Response::Text(200, name); };
}

std::string Answer(const Router::Match& m) {
  if (m.route == nullptr || !m.route->handler) return "(none)";
  return m.route->handler(Request{}).body;
}

TEST(RouterTest, MatchesExactPathsPerMethod) {
  Router router;
  router.Get("/", Named("root"));
  router.Get("/hello", Named("get hello"));
  router.Post("/hello", Named("post hello"));
  EXPECT_EQ(Answer(router.Find(Method::kGet, "/")), "root");
  EXPECT_EQ(Answer(router.Find(Method::kGet, "/hello")), "get hello");
  EXPECT_EQ(Answer(router.Find(Method::kPost, "/hello")), "post hello");
  EXPECT_EQ(router.Find(Method::kGet, "/hello/").route, nullptr);
}

TEST(RouterTest, APatternWithATrailingSlashMatchesOnlyThatPath) {
  Router router;
  router.Get("/app/", Named("page"));
  router.Get("/app/{file}", Named("file"));
  EXPECT_TRUE(router.status().ok());
  EXPECT_EQ(Answer(router.Find(Method::kGet, "/app/")), "page");
  EXPECT_EQ(Answer(router.Find(Method::kGet, "/app/x.js")), "file");
  EXPECT_EQ(router.Find(Method::kGet, "/app").route, nullptr);
  EXPECT_EQ(router.Find(Method::kGet, "/app//").route, nullptr);
}

TEST(RouterTest, CapturesDecodedSegments) {
  Router router;
  router.Get("/chat/{workspace}/messages/{id}", Named("messages"));
  const Router::Match m = router.Find(Method::kGet, "/chat/casa%20verde/messages/a%2Fb");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/chat/{workspace}/messages/{id}");
  const std::vector<std::pair<std::string, std::string>> expected = {{"workspace", "casa verde"},
                                                                     {"id", "a/b"}};
  EXPECT_EQ(m.params, expected);
}

TEST(RouterTest, CapturesNeedANonEmptySegment) {
  Router router;
  router.Get("/chat/{workspace}", Named("chat"));
  EXPECT_EQ(router.Find(Method::kGet, "/chat/").route, nullptr);
  EXPECT_EQ(router.Find(Method::kGet, "/chat").route, nullptr);
}

TEST(RouterTest, LiteralSegmentsWinOverCaptures) {
  Router router;
  router.Get("/chat/{workspace}", Named("capture"));
  router.Get("/chat/new", Named("literal"));
  EXPECT_EQ(Answer(router.Find(Method::kGet, "/chat/new")), "literal");
  EXPECT_EQ(Answer(router.Find(Method::kGet, "/chat/other")), "capture");
}

TEST(RouterTest, UnknownPathHasNoRouteAndNoAllow) {
  Router router;
  router.Get("/hello", Named("hello"));
  const Router::Match m = router.Find(Method::kGet, "/nope");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allow, "");
}

TEST(RouterTest, KnownPathWithAnotherMethodListsAllowedMethods) {
  Router router;
  router.Post("/items/{id}", Named("post"));
  router.Get("/items/{id}", Named("get"));
  router.Delete("/items/{id}", Named("delete"));
  const Router::Match m = router.Find(Method::kPut, "/items/7");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allow, "GET, POST, DELETE");
}

TEST(RouterTest, StreamRoutesAreGetRoutesWithAStreamHandler) {
  Router router;
  router.Stream("/events", [](const Request&) { return StreamResponse::Refuse(Response{}); });
  const Router::Match m = router.Find(Method::kGet, "/events");
  ASSERT_NE(m.route, nullptr);
  EXPECT_TRUE(m.route->stream != nullptr);
  EXPECT_FALSE(m.route->handler != nullptr);
}

TEST(RouterTest, InvalidAndDuplicateRoutesAreReported) {
  Router ok;
  ok.Get("/a/{x}", Named("a"));
  EXPECT_TRUE(ok.status().ok());

  for (const char* bad : {"no-slash", "/a//b", "//", "/a//", "/a/{x", "/{x}/{x}", "/a/b{c}"}) {
    Router router;
    router.Get(bad, Named("bad"));
    ASSERT_FALSE(router.status().ok()) << bad;
    EXPECT_EQ(router.status().error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_TRUE(router.routes().empty());
  }
  Router duplicate;
  duplicate.Get("/a/{x}", Named("first"));
  duplicate.Get("/a/{y}", Named("second"));
  ASSERT_FALSE(duplicate.status().ok());
  EXPECT_NE(duplicate.status().error().message.find("/a/{y}"), std::string::npos);
  EXPECT_EQ(Answer(duplicate.Find(Method::kGet, "/a/1")), "first");
}

}  // namespace
}  // namespace http
