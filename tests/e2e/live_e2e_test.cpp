// The live stream of a workspace against the real binary: a dashboard's stream hears of a web
// chat customer's message and the handoff it caused, nobody else's stream opens, and a stream ends
// when its caller loses access (removed from the workspace, signed out, a new password). With
// two instances on one PostgreSQL database, the streams of one hear what the other committed and
// end when the other took the access away.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e/crm_server.h"
#include "testing/test_database.h"

namespace e2e {
namespace {

using nlohmann::json;

// The live stream of a workspace's dashboard.
std::string Events(const std::string& workspace) {
  return "/api/v1/workspaces/" + workspace + "/events";
}

// An open stream (a dashboard's, a web chat's), read on a thread of its own.
class Watcher {
 public:
  Watcher(const std::string& base_url, const std::string& path, httplib::Headers headers)
      : client_(base_url) {
    client_.set_read_timeout(std::chrono::seconds(30));  // longer than the server's keepalive
    thread_ = std::thread([this, path, headers] {
      auto r = client_.Get(
          path, headers,
          [this](const httplib::Response& response) {
            std::lock_guard lock(mutex_);
            status_ = response.status;
            changed_.notify_all();
            return response.status == 200;
          },
          [this](const char* data, std::size_t size) {
            std::lock_guard lock(mutex_);
            received_.append(data, size);
            changed_.notify_all();
            return true;
          });
      std::lock_guard lock(mutex_);
      if (status_ == 0 && r) status_ = r->status;
      done_ = true;
      changed_.notify_all();
    });
  }
  // stop() only closes a connection already open: repeated until the reading thread is done.
  ~Watcher() {
    std::unique_lock lock(mutex_);
    while (!done_) {
      lock.unlock();
      client_.stop();
      lock.lock();
      changed_.wait_for(lock, std::chrono::milliseconds(10), [&] { return done_; });
    }
    lock.unlock();
    thread_.join();
  }

  // The status the stream was answered with (0 when no answer came).
  int Status() {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(20), [&] { return status_ != 0 || done_; });
    return status_;
  }
  // Waits until the stream carried `part` (the deadline guards against a hang).
  bool WaitFor(const std::string& part) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20),
                             [&] { return received_.find(part) != std::string::npos; });
  }
  std::string received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  // Waits until the server ended the stream (the deadline guards against a hang).
  bool WaitEnded() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [&] { return done_; });
  }

 private:
  httplib::Client client_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int status_ = 0;
  bool done_ = false;
  std::string received_;
};

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
