// The shared inbox over HTTP against the real binary: web chat customers write, members list,
// read, take over, reply and organize conversations; bad input and other workspaces' ids change
// nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/api_fixture.h"

namespace e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class ConversationE2eTest : public ApiTest {};

TEST_F(ConversationE2eTest, ACustomerMessageIsListedUnreadWithItsHistoryNewestFirst) {
  std::string ana;
  Customer(ana, "hello");
  const Answer list = Get(Shop("/conversations"), owner_);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.body["conversations"].size(), 1u);
  const json c = list.body["conversations"][0];
  EXPECT_EQ(c["channel"], "web");
  EXPECT_EQ(c["folder"], "open");
  EXPECT_EQ(c["mode"], "ai");
  EXPECT_EQ(c["resume_at"], nullptr);
  EXPECT_EQ(c["priority"], "normal");
  EXPECT_EQ(c["unread"], 1);  // the customer's; the AI's reply reads nothing
  EXPECT_EQ(c["labels"], json::array());
  EXPECT_EQ(c["last_message"]["author"], "ai");
  EXPECT_EQ(c["last_activity_at"], c["last_message"]["at"]);
  EXPECT_EQ(list.body["next_cursor"], nullptr);
  const std::string id = std::to_string(c["id"].get<int>());

  EXPECT_EQ(Get(Shop("/conversations/" + id), owner_).body, c);
  const Answer history = Get(Shop("/conversations/" + id + "/messages"), owner_);
  ASSERT_EQ(history.status, 200);
  ASSERT_EQ(history.body["messages"].size(), 2u);
  EXPECT_EQ(history.body["messages"][0]["author"], "ai");
  EXPECT_EQ(history.body["messages"][1]["text"], "hello");
  EXPECT_EQ(history.body["messages"][1]["delivery"], "none");
  EXPECT_EQ(history.body["messages"][1]["attachment"], "none");
  EXPECT_FALSE(history.body["messages"][1].contains("user"));
  EXPECT_EQ(history.body["next_before"], nullptr);
  const Answer page = Get(Shop("/conversations/" + id + "/messages?limit=1"), owner_);
  EXPECT_EQ(page.body["messages"].size(), 1u);
  const std::string before = std::to_string(page.body["next_before"].get<int>());
  const Answer older =
      Get(Shop("/conversations/" + id + "/messages?limit=1&before=" + before), owner_);
  EXPECT_EQ(older.body["messages"][0]["text"], "hello");
  EXPECT_EQ(older.body["next_before"], nullptr);

  const Answer unread = Get(Shop("/conversations/unread"), owner_);
  ASSERT_EQ(unread.status, 200);
  EXPECT_EQ(unread.body, json::parse(R"({"channels": {"all": 1, "whatsapp": 0, "instagram": 0,
      "messenger": 0, "web": 1}, "folders": {"open": 1, "solved": 0, "spam": 0, "archived": 0}})"));
  const Answer read = Post(Shop("/conversations/" + id + "/read"), json::object(), owner_);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body["unread"], 0);
  EXPECT_EQ(Get(Shop("/conversations/unread"), owner_).body["channels"]["all"], 0);
}

TEST_F(ConversationE2eTest, ACollaboratorTakesOverAHandoffRepliesAndReturnsItToTheAi) {
  std::string ana;
  Customer(ana, "I want to talk to a human");
  const json c = Get(Shop("/conversations"), bea_).body["conversations"][0];
  EXPECT_EQ(c["mode"], "manual");
  EXPECT_NE(c["resume_at"], nullptr);
  const std::string one = "/conversations/" + std::to_string(c["id"].get<int>());

  const Answer reply = Post(Shop(one + "/messages"), {{"text", "  Hi, Bea here.  "}}, bea_);
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.body["author"], "human_crm");
  EXPECT_EQ(reply.body["text"], "Hi, Bea here.");
  EXPECT_EQ(reply.body["user"], "bea@shop.example");
  EXPECT_EQ(reply.body["delivery"], "none");  // web chat: pushed to the page, no outbox
  EXPECT_EQ(Get(Shop(one), bea_).body["unread"], 0);
  // The visitor's page shows it.
  auto page = crm_.client().Get("/chat/shop/messages", {{"Cookie", ana}});
  EXPECT_THAT(page->body, HasSubstr("Hi, Bea here."));

  const Answer back = Post(Shop(one + "/return-to-ai"), json::object(), bea_);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.body["mode"], "ai");
  EXPECT_EQ(back.body["resume_at"], nullptr);
  const Answer taken = Post(Shop(one + "/take-control"), json::object(), bea_);
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(taken.body["mode"], "manual");
  EXPECT_NE(taken.body["resume_at"], nullptr);

  const Answer timeline = Get(Shop(one + "/timeline"), bea_);
  ASSERT_EQ(timeline.status, 200);
  std::vector<std::string> kinds;
  for (const json& e : timeline.body["events"]) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"handoff", "human_reply", "return_to_ai", "take_control"}));
  EXPECT_EQ(timeline.body["events"][1]["actor"], "bea@shop.example");
  EXPECT_EQ(timeline.body["events"][3]["mode_after"], "manual");
}

TEST_F(ConversationE2eTest, MovingAndPrioritizingAreOnTheTimelineWithWhoAndWhen) {
  std::string ana;
  Customer(ana, "hello");
  const json c = Get(Shop("/conversations"), bea_).body["conversations"][0];
  const std::string one = "/conversations/" + std::to_string(c["id"].get<int>());
  ASSERT_EQ(Patch(Shop(one), {{"folder", "solved"}, {"priority", "high"}}, bea_).status, 200);
  ASSERT_EQ(Patch(Shop(one), {{"folder", "solved"}}, owner_).status, 200);  // already: no entry
  ASSERT_EQ(Patch(Shop(one), {{"priority", "normal"}}, owner_).status, 200);

  const json events = Get(Shop(one + "/timeline"), bea_).body["events"];
  ASSERT_EQ(events.size(), 3u) << events;
  EXPECT_EQ(events[0]["kind"], "folder_changed");
  EXPECT_EQ(events[0]["detail"], "open -> solved");
  EXPECT_EQ(events[0]["actor"], "bea@shop.example");
  EXPECT_EQ(events[0]["mode_after"], "ai");
  EXPECT_EQ(events[0]["resume_at"], nullptr);
  EXPECT_GE(events[0]["at"].get<std::string>(), c["last_activity_at"].get<std::string>());
  EXPECT_EQ(events[1]["kind"], "priority_changed");
  EXPECT_EQ(events[1]["detail"], "normal -> high");
  EXPECT_EQ(events[1]["actor"], "bea@shop.example");
  EXPECT_EQ(events[2]["kind"], "priority_changed");
  EXPECT_EQ(events[2]["detail"], "high -> normal");
  EXPECT_EQ(events[2]["actor"], CrmServer::kOwnerEmail);
  EXPECT_GE(events[2]["at"].get<std::string>(), events[0]["at"].get<std::string>());
}

TEST_F(ConversationE2eTest, FoldersPriorityLabelsSearchAndPagesFilterTheList) {
  std::string ana, bob, cy;
  Customer(ana, "do you sell umbrellas");
  Customer(bob, "hello");
  Customer(cy, "hello again");
  const json all = Get(Shop("/conversations"), owner_).body["conversations"];
  ASSERT_EQ(all.size(), 3u);
  const int cy_id = all[0]["id"], bob_id = all[1]["id"], ana_id = all[2]["id"];

  // Pages of one, by cursor.
  std::vector<int> paged;
  std::string path = Shop("/conversations?limit=1");
  for (int i = 0; i < 5; ++i) {
    const Answer page = Get(path, owner_);
    ASSERT_EQ(page.status, 200) << page.body;
    for (const json& c : page.body["conversations"]) paged.push_back(c["id"]);
    if (page.body["next_cursor"].is_null()) break;
    path = Shop("/conversations?limit=1&cursor=" + page.body["next_cursor"].get<std::string>());
  }
  EXPECT_EQ(paged, (std::vector<int>{cy_id, bob_id, ana_id}));

  const Answer moved = Patch(Shop("/conversations/" + std::to_string(bob_id)),
                             {{"folder", "spam"}, {"priority", "urgent"}}, owner_);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.body["folder"], "spam");
  EXPECT_EQ(moved.body["priority"], "urgent");
  EXPECT_EQ(Get(Shop("/conversations"), owner_).body["conversations"].size(), 2u);
  // A reply in Spam is stored and sent like any other; the conversation stays there.
  const std::string bob_path = "/conversations/" + std::to_string(bob_id);
  EXPECT_EQ(Post(Shop(bob_path + "/messages"), {{"text", "Sorry?"}}, owner_).status, 201);
  EXPECT_EQ(Get(Shop(bob_path), owner_).body["folder"], "spam");
  const json spam = Get(Shop("/conversations?folder=spam&channel=web"), owner_).body;
  ASSERT_EQ(spam["conversations"].size(), 1u);
  EXPECT_EQ(spam["conversations"][0]["id"], bob_id);
  EXPECT_EQ(Get(Shop("/conversations?channel=whatsapp"), owner_).body["conversations"].size(), 0u);

  const int ana_contact = all[2]["contact"]["id"];
  ASSERT_EQ(
      Patch(Shop("/leads/" + std::to_string(ana_contact)), {{"labels", {"vip"}}}, owner_).status,
      200);
  const json vip = Get(Shop("/conversations?label=vip"), owner_).body["conversations"];
  ASSERT_EQ(vip.size(), 1u);
  EXPECT_EQ(vip[0]["labels"], json::array({"vip"}));
  const json found = Get(Shop("/conversations?q=umbrel"), owner_).body["conversations"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], ana_id);

  ASSERT_EQ(Post(Shop("/conversations/" + std::to_string(cy_id) + "/read"), json::object(), owner_)
                .status,
            200);
  const json unread = Get(Shop("/conversations?unread=true"), owner_).body["conversations"];
  ASSERT_EQ(unread.size(), 1u);
  EXPECT_EQ(unread[0]["id"], ana_id);
}

TEST_F(ConversationE2eTest, BadInputIs400AndChangesNothing) {
  std::string ana;
  Customer(ana, "hello");
  const json before = Get(Shop("/conversations"), owner_).body["conversations"][0];
  const std::string one = "/conversations/" + std::to_string(before["id"].get<int>());
  const std::vector<std::string> queries = {
      "channel=fax", "folder=inbox",    "unread=yes", "limit=0",   "limit=101",
      "limit=x",     "cursor=nonsense", "cursor=1.0", "label=%20", "q=" + std::string(201, 'a')};
  for (const std::string& query : queries) {
    const Answer r = Get(Shop("/conversations?" + query), owner_);
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_EQ(r.body["error"]["code"], "invalid_argument") << query;
  }
  EXPECT_EQ(Get(Shop(one + "/messages?limit=201"), owner_).status, 400);
  EXPECT_EQ(Get(Shop(one + "/messages?before=-3"), owner_).status, 400);
  EXPECT_EQ(Get(Shop("/conversations/unread?folder=nope"), owner_).status, 400);
  for (const json& body : {json{{"folder", "trash"}}, json{{"priority", "low"}},
                           json{{"folder", 1}}, json{{"mode", "manual"}}, json::array()}) {
    const Answer r = Patch(Shop(one), body, owner_);
    EXPECT_EQ(r.status, 400) << body;
  }
  for (const json& body : {json{{"text", ""}}, json{{"text", " \n\t "}}, json{{"text", 42}},
                           json{{"text", std::string(4097, 'x')}}, json::object()}) {
    const Answer r = Post(Shop(one + "/messages"), body, owner_);
    EXPECT_EQ(r.status, 400) << body.dump().substr(0, 40);
  }
  EXPECT_EQ(Post(Shop(one + "/messages"), {{"text", std::string(4096, 'x')}}, owner_).status, 201);
  const json after = Get(Shop(one), owner_).body;
  EXPECT_EQ(after["folder"], before["folder"]);
  EXPECT_EQ(after["priority"], before["priority"]);
  EXPECT_EQ(Get(Shop(one + "/messages"), owner_).body["messages"].size(), 3u);  // + the valid one
  EXPECT_EQ(Get(Shop(one + "/timeline"), owner_).body["events"].size(), 1u);    // its reply's
}

TEST_F(ConversationE2eTest, AnotherWorkspacesConversationIs404ForEveryEndpoint) {
  ASSERT_TRUE(crm_.AddWorkspace("other"));
  std::string mine, theirs;
  Customer(mine, "hello");                      // conversation 1 of shop
  Customer(theirs, "I want a human", "other");  // conversation 2, of other
  ASSERT_EQ(Get(Shop("/conversations/1"), owner_).status, 200);
  const std::string other = "/conversations/2";
  const std::vector<Answer> replies = {
      Get(Shop(other), owner_),
      Get(Shop(other + "/messages"), owner_),
      Get(Shop(other + "/timeline"), owner_),
      Post(Shop(other + "/take-control"), json::object(), owner_),
      Post(Shop(other + "/return-to-ai"), json::object(), owner_),
      Post(Shop(other + "/messages"), {{"text", "hi"}}, owner_),
      Patch(Shop(other), {{"folder", "spam"}}, owner_),
      Post(Shop(other + "/read"), json::object(), owner_),
      Get(Shop("/conversations/abc"), owner_),
  };
  for (const Answer& r : replies) {
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(r.body["error"]["code"], "not_found");
  }
  EXPECT_EQ(Get(Shop("/conversations"), owner_).body["conversations"].size(), 1u);
  EXPECT_EQ(Get(Shop("/conversations?q=human"), owner_).body["conversations"].size(), 0u);
  // Not a member of "other": it does not exist.
  const Answer elsewhere = Get("/api/v1/workspaces/other/conversations", owner_);
  EXPECT_EQ(elsewhere.status, 404);
  EXPECT_EQ(elsewhere.body["error"]["message"], "no such workspace");
  EXPECT_EQ(Get(Shop("/conversations"), {}).status, 401);
  // Their conversation is untouched: the handoff left it in manual mode, in the open folder.
  ASSERT_TRUE(crm_.AddMember("other", CrmServer::kOwnerEmail, "owner"));
  const Answer theirs_now = Get("/api/v1/workspaces/other/conversations/2", owner_);
  ASSERT_EQ(theirs_now.status, 200);
  EXPECT_EQ(theirs_now.body["folder"], "open");
  EXPECT_EQ(theirs_now.body["unread"], 1);
  EXPECT_EQ(theirs_now.body["last_message"]["author"], "ai");
}

}  // namespace
}  // namespace e2e
