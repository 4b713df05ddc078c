#include "api/live_feed.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace api {
namespace {

bool Contains(const std::string& data, std::string_view part) {
  return data.find(part) != std::string::npos;
}

TEST(LiveFeedTest, DeliveriesReachTheStreamsOfTheirWorkspaceOnly) {
  LiveFeed feed;
  auto mine = std::make_shared<http::EventStream>();
  auto theirs = std::make_shared<http::EventStream>();
  feed.Subscribe(1, mine);
  feed.Subscribe(2, theirs);
  PublishDeliveries(feed, {{1, 7, 42, core::DeliveryStatus::kRead, ""}});
  const std::string sent = mine->TakePending().bytes;
  EXPECT_TRUE(Contains(sent, "event: delivery\n")) << sent;
  EXPECT_TRUE(Contains(sent, R"("conversation_id":7)"));
  EXPECT_TRUE(Contains(sent, R"("message_id":42)"));
  EXPECT_TRUE(Contains(sent, R"("delivery":"read")"));
  EXPECT_TRUE(theirs->TakePending().bytes.empty());
}

TEST(LiveFeedTest, ADecisionPublishesItsMessagesNotificationsAndTheConversationsSummary) {
  testing_support::TempDir dir;
  auto store = store::SqliteStore::Open((dir / "fd.db").string()).value();
  const std::int64_t ws = store->CreateWorkspace("shop")->id;
  auto snapshot = store->OpenConversation({ws, core::Channel::kWeb, "visitor-1"}, 10);
  ASSERT_TRUE(snapshot.ok());
  core::Decision d;
  d.conversation = snapshot->conversation;
  d.messages = {{0, 0, core::Author::kCustomer, "I am upset", base::FromMillis(1000)}};
  core::Notification n;
  n.reason = core::HandoffReason::kFrustration;
  n.at = base::FromMillis(1000);
  d.notifications = {n};
  auto committed = store->Commit(ws, d);
  ASSERT_TRUE(committed.ok());

  LiveFeed feed;
  auto stream = std::make_shared<http::EventStream>();
  feed.Subscribe(ws, stream);
  PublishDecision(feed, *store, *committed);
  const std::string sent = stream->TakePending().bytes;
  EXPECT_TRUE(Contains(sent, "event: message\n")) << sent;
  EXPECT_TRUE(Contains(sent, "I am upset"));
  EXPECT_TRUE(Contains(sent, "event: notification\n"));
  EXPECT_TRUE(Contains(sent, R"("reason":"frustration")"));
  EXPECT_TRUE(Contains(sent, "event: conversation\n"));
  EXPECT_TRUE(Contains(sent, R"("unread":1)"));
}

TEST(LiveFeedTest, AnEndedStreamIsDroppedAndTheWorkspaceIsNoLongerWatched) {
  LiveFeed feed;
  EXPECT_FALSE(feed.Watched(1));
  auto stream = std::make_shared<http::EventStream>();
  feed.Subscribe(1, stream);
  EXPECT_TRUE(feed.Watched(1));
  stream->Detach();  // the dashboard went away
  feed.Publish(1, "message", {{"x", 1}});
  EXPECT_FALSE(feed.Watched(1));
}

}  // namespace
}  // namespace api
