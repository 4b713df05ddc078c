// The live stream of a workspace against the real binary: a dashboard's stream hears of a web
// chat customer's message and the handoff it caused, nobody else's stream opens, and a stream ends
// when its caller loses access (removed from the workspace, signed out, a new password). With
// two instances on one PostgreSQL database, the streams of one hear what the other committed and
// end when the other took the access away.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "e2e/crm_server.h"
#include "e2e/event_watcher.h"
#include "testing/test_database.h"

namespace e2e {
namespace {

using nlohmann::json;

TEST(LiveE2eTest, ADashboardHearsOfNewMessagesAndHandoffsAsTheyHappen) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  const httplib::Headers owner = crm.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  Watcher watcher(crm.base_url(), Events("shop"), owner);
  ASSERT_EQ(watcher.Status(), 200);

  auto sent =
      crm.client().Post("/chat/shop/messages", json{{"text", "I want to talk to a human"}}.dump(),
                        "application/json");
  ASSERT_EQ(sent->status, 202);
  EXPECT_TRUE(watcher.WaitFor("event: notification\n"));
  EXPECT_TRUE(watcher.WaitFor("\"reason\":\"customer_request\""));
  EXPECT_TRUE(watcher.WaitFor("event: message\n"));
  EXPECT_TRUE(watcher.WaitFor("\"text\":\"I want to talk to a human\"")) << watcher.received();
  EXPECT_TRUE(watcher.WaitFor("event: conversation\n"));
  EXPECT_TRUE(watcher.WaitFor("\"mode\":\"manual\""));

  // A change made in the CRM reaches the other dashboards too.
  auto listed = crm.client().Get("/api/v1/workspaces/shop/conversations", owner);
  ASSERT_EQ(listed->status, 200);
  const auto id = json::parse(listed->body)["conversations"][0]["id"].get<std::int64_t>();
  auto solved = crm.client().Patch("/api/v1/workspaces/shop/conversations/" + std::to_string(id),
                                   owner, json{{"folder", "solved"}}.dump(), "application/json");
  ASSERT_EQ(solved->status, 200) << solved->body;
  EXPECT_TRUE(watcher.WaitFor("\"folder\":\"solved\""));
}

TEST(LiveE2eTest, OnlyMembersWatchAWorkspace) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  ASSERT_TRUE(crm.AddWorkspace("other"));
  const httplib::Headers owner = crm.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  Watcher stranger(crm.base_url(), Events("other"), owner);
  EXPECT_EQ(stranger.Status(), 404);
  Watcher anonymous(crm.base_url(), Events("shop"), {});
  EXPECT_EQ(anonymous.Status(), 401);

  // The other workspace's customers stay out of this workspace's stream.
  Watcher mine(crm.base_url(), Events("shop"), owner);
  ASSERT_EQ(mine.Status(), 200);
  auto elsewhere =
      crm.client().Post("/chat/other/messages", json{{"text", "a secret of the other shop"}}.dump(),
                        "application/json");
  ASSERT_EQ(elsewhere->status, 202);
  auto here = crm.client().Post("/chat/shop/messages", json{{"text", "hello there"}}.dump(),
                                "application/json");
  ASSERT_EQ(here->status, 202);
  ASSERT_TRUE(mine.WaitFor("hello there"));
  EXPECT_EQ(mine.received().find("a secret of the other shop"), std::string::npos);
}

// The owner adds a collaborator with a first password; the headers of the collaborator's browser.
httplib::Headers AddCollaborator(CrmServer& crm, const httplib::Headers& owner) {
  auto added = crm.client().Post(
      "/api/v1/workspaces/shop/members", owner,
      json{{"email", "bea@shop.example"}, {"password", "a first password"}}.dump(),
      "application/json");
  EXPECT_TRUE(added && added->status == 201) << (added ? added->body : "no answer");
  return crm.SignIn("bea@shop.example", "a first password");
}

TEST(LiveE2eTest, ARemovedCollaboratorsOpenStreamEndsAndNoNewOneOpens) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  const httplib::Headers owner = crm.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  const httplib::Headers bea = AddCollaborator(crm, owner);
  Watcher theirs(crm.base_url(), Events("shop"), bea);
  ASSERT_EQ(theirs.Status(), 200);
  Watcher mine(crm.base_url(), Events("shop"), owner);
  ASSERT_EQ(mine.Status(), 200);

  auto removed = crm.client().Delete("/api/v1/workspaces/shop/members/2", owner);
  ASSERT_EQ(removed->status, 204) << removed->body;
  EXPECT_TRUE(theirs.WaitEnded());
  Watcher again(crm.base_url(), Events("shop"), bea);
  EXPECT_EQ(again.Status(), 404);

  // The owner's stream goes on, and what happens next reaches it only.
  auto sent = crm.client().Post("/chat/shop/messages", json{{"text", "after the removal"}}.dump(),
                                "application/json");
  ASSERT_EQ(sent->status, 202);
  EXPECT_TRUE(mine.WaitFor("after the removal"));
  EXPECT_EQ(theirs.received().find("after the removal"), std::string::npos);
}

TEST(LiveE2eTest, StreamsOfSignedOutSessionsEnd) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  const httplib::Headers laptop = crm.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  const httplib::Headers phone = crm.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  Watcher on_laptop(crm.base_url(), Events("shop"), laptop);
  ASSERT_EQ(on_laptop.Status(), 200);
  Watcher on_phone(crm.base_url(), Events("shop"), phone);
  ASSERT_EQ(on_phone.Status(), 200);

  // A new password set on the laptop signs the phone out, and ends its stream.
  auto changed = crm.client().Post(
      "/api/v1/me/password", laptop,
      json{{"current_password", CrmServer::kOwnerPassword}, {"new_password", "a newer secret"}}
          .dump(),
      "application/json");
  ASSERT_EQ(changed->status, 204) << changed->body;
  EXPECT_TRUE(on_phone.WaitEnded());

  auto sent = crm.client().Post("/chat/shop/messages", json{{"text", "still watching"}}.dump(),
                                "application/json");
  ASSERT_EQ(sent->status, 202);
  EXPECT_TRUE(on_laptop.WaitFor("still watching"));  // the laptop's session stays

  auto out = crm.client().Post("/api/v1/auth/logout", laptop, "", "application/json");
  ASSERT_EQ(out->status, 204);
  EXPECT_TRUE(on_laptop.WaitEnded());
}

// Two instances serving one database, one person's browser on each: the dashboard and the web
// chat open on the first hear what the second committed, and a sign-out on the second ends the
// first's stream. A SQLite file takes a single instance: the second refuses to start, saying why.
TEST(LiveE2eTest, StreamsOnOneInstanceHearWhatAnotherCommitted) {
  CrmServer first;
  ASSERT_TRUE(first.Start());
  CrmServer second;
  if (!testing_support::TestsUsePostgres()) {
    ASSERT_FALSE(second.StartBeside(first, {.capture_log = true}));
    EXPECT_NE(second.Log().find("another"), std::string::npos) << second.Log();
    return;
  }
  ASSERT_TRUE(second.StartBeside(first));
  const httplib::Headers owner = first.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  Watcher dashboard(first.base_url(), Events("shop"), owner);
  ASSERT_EQ(dashboard.Status(), 200);
  // A visitor whose page talks to the first instance, and whose messages reach the second.
  auto visited = first.client().Get("/chat/shop/messages");
  ASSERT_EQ(visited->status, 200);
  const std::string set = visited->get_header_value("Set-Cookie");
  const httplib::Headers visitor = {{"Cookie", set.substr(0, set.find(';'))}};
  Watcher chat(first.base_url(), "/chat/shop/events", visitor);
  ASSERT_EQ(chat.Status(), 200);

  auto sent =
      second.client().Post("/chat/shop/messages", visitor,
                           json{{"text", "I want to talk to a human"}}.dump(), "application/json");
  ASSERT_EQ(sent->status, 202);
  EXPECT_TRUE(dashboard.WaitFor("\"text\":\"I want to talk to a human\"")) << dashboard.received();
  EXPECT_TRUE(dashboard.WaitFor("event: notification\n"));
  EXPECT_TRUE(dashboard.WaitFor("\"mode\":\"manual\""));

  // A person answers on the second instance: the visitor's page on the first shows it, and a
  // change of folder made there reaches the dashboard on the first.
  auto listed = second.client().Get("/api/v1/workspaces/shop/conversations", owner);
  ASSERT_EQ(listed->status, 200);
  const auto id = json::parse(listed->body)["conversations"][0]["id"].get<std::int64_t>();
  const std::string conversation = "/api/v1/workspaces/shop/conversations/" + std::to_string(id);
  auto replied =
      second.client().Post(conversation + "/messages", owner,
                           json{{"text", "Ana here, how can I help?"}}.dump(), "application/json");
  ASSERT_EQ(replied->status, 201) << replied->body;
  EXPECT_TRUE(chat.WaitFor("Ana here, how can I help?")) << chat.received();
  EXPECT_TRUE(dashboard.WaitFor("Ana here, how can I help?"));
  auto solved = second.client().Patch(conversation, owner, json{{"folder", "solved"}}.dump(),
                                      "application/json");
  ASSERT_EQ(solved->status, 200) << solved->body;
  EXPECT_TRUE(dashboard.WaitFor("\"folder\":\"solved\""));

  auto out = second.client().Post("/api/v1/auth/logout", owner, "", "application/json");
  ASSERT_EQ(out->status, 204);
  EXPECT_TRUE(dashboard.WaitEnded());
}

}  // namespace
}  // namespace e2e
