// The notification bell over HTTP against the real binary: handoffs notify the workspace, pages
// go newest first, members mark them read; other workspaces' notifications are 404.
#include <gtest/gtest.h>

#include "e2e/api_fixture.h"

namespace e2e {
namespace {

using nlohmann::json;

class NotificationE2eTest : public ApiTest {};

TEST_F(NotificationE2eTest, AHandoffNotifiesAndACollaboratorReadsThemPageByPage) {
  std::string ana, bob, cy;
  Customer(ana, "hello");
  Customer(ana, "I want to talk to a human");
  Customer(bob, "can I speak to a person");
  Customer(cy, "I want to talk to a human");
  const Answer all = Get(Shop("/notifications"), bea_);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.body["unread"], 3);
  EXPECT_EQ(all.body["next_before"], nullptr);
  ASSERT_EQ(all.body["notifications"].size(), 3u);
  const json first = all.body["notifications"][2];  // the oldest: Ana's
  EXPECT_EQ(first["kind"], "handoff");
  EXPECT_EQ(first["reason"], "customer_request");
  EXPECT_EQ(first["conversation_id"], 1);
  EXPECT_EQ(first["contact_id"], 1);
  EXPECT_EQ(first["read"], false);
  EXPECT_EQ(first["answers"], json::array());
  EXPECT_EQ(first["last_messages"].back(), "customer: I want to talk to a human");

  const Answer page = Get(Shop("/notifications?limit=2"), bea_);
  ASSERT_EQ(page.body["notifications"].size(), 2u);
  EXPECT_EQ(page.body["notifications"][0], all.body["notifications"][0]);
  const std::string before = std::to_string(page.body["next_before"].get<int>());
  const Answer rest = Get(Shop("/notifications?limit=2&before=" + before), bea_);
  ASSERT_EQ(rest.body["notifications"].size(), 1u);
  EXPECT_EQ(rest.body["notifications"][0], first);
  EXPECT_EQ(rest.body["next_before"], nullptr);

  const std::string id = std::to_string(first["id"].get<int>());
  auto read = crm_.client().Post(Shop("/notifications/" + id + "/read"), bea_, "", "");
  EXPECT_EQ(read->status, 204);
  EXPECT_TRUE(read->body.empty());
  const Answer after = Get(Shop("/notifications"), owner_);
  EXPECT_EQ(after.body["unread"], 2);
  EXPECT_EQ(after.body["notifications"][2]["read"], true);
  EXPECT_EQ(crm_.client().Post(Shop("/notifications/read-all"), bea_, "", "")->status, 204);
  EXPECT_EQ(Get(Shop("/notifications"), owner_).body["unread"], 0);
}

TEST_F(NotificationE2eTest, BadInputIs400AndAnotherWorkspacesNotificationIs404) {
  ASSERT_TRUE(crm_.AddWorkspace("other"));
  std::string mine, theirs;
  Customer(mine, "I want to talk to a human");             // notification 1, of shop
  Customer(theirs, "I want to talk to a human", "other");  // notification 2, of other
  for (const std::string query : {"limit=0", "limit=101", "before=0", "before=x"}) {
    EXPECT_EQ(Get(Shop("/notifications?" + query), owner_).status, 400) << query;
  }
  for (const std::string path : {"/notifications/2/read", "/notifications/x/read"}) {
    const Answer r = Post(Shop(path), json::object(), owner_);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body["error"]["code"], "not_found");
  }
  EXPECT_EQ(Post(Shop("/notifications/read-all"), json::object(), owner_).status, 204);
  EXPECT_EQ(Get("/api/v1/workspaces/other/notifications", owner_).status, 404);
  ASSERT_TRUE(crm_.AddMember("other", CrmServer::kOwnerEmail, "owner"));
  const Answer theirs_now = Get("/api/v1/workspaces/other/notifications", owner_);
  EXPECT_EQ(theirs_now.body["unread"], 1);
  ASSERT_EQ(theirs_now.body["notifications"].size(), 1u);
  EXPECT_EQ(theirs_now.body["notifications"][0]["id"], 2);
  const Answer mine_now = Get(Shop("/notifications"), owner_);
  EXPECT_EQ(mine_now.body["notifications"].size(), 1u);
}

}  // namespace
}  // namespace e2e
