// The dashboard from the real binary: the root redirects to it, its page and files are served
// (gzip-compressed when asked), and the web chat's page still is. The browser tests
// (tests/browser) drive the page itself.
#include <gtest/gtest.h>

#include "e2e/crm_server.h"

namespace e2e {
namespace {

TEST(DashboardE2eTest, TheRootRedirectsToTheDashboardWhosePageAndFilesAreServed) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  auto root = crm.client().Get("/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 302);
  EXPECT_EQ(root->get_header_value("Location"), "/app/");

  auto page = crm.client().Get("/app/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("main.js"), std::string::npos);

  auto script = crm.client().Get("/app/main.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script->get_header_value("Content-Encoding"), "gzip");
  auto again = crm.client().Get(
      "/app/main.js",
      {{"Accept-Encoding", "gzip"}, {"If-None-Match", script->get_header_value("ETag")}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);

  auto chat = crm.client().Get("/chat/shop");
  ASSERT_TRUE(chat);
  EXPECT_EQ(chat->status, 200);
  EXPECT_NE(chat->body.find("<title>Chat</title>"), std::string::npos);
  EXPECT_EQ(crm.client().Get("/chat/nowhere")->status, 404);
}

}  // namespace
}  // namespace e2e
