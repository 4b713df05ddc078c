#include "api/live_feed.h"

#include <gtest/gtest.h>

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

TEST(LiveFeedTest, ADecisionPublishesItsMessagesAndNotifications) {
  LiveFeed feed;
  auto stream = std::make_shared<http::EventStream>();
  feed.Subscribe(3, stream);
  core::Decision d;
  d.conversation.id = 9;
  d.conversation.workspace_id = 3;
  d.messages = {{11, 9, core::Author::kAi, "Someone will help you shortly."}};
  core::Notification n;
  n.id = 5;
  n.conversation_id = 9;
  n.reason = core::HandoffReason::kFrustration;
  d.notifications = {n};
  PublishDecision(feed, d);
  const std::string sent = stream->TakePending().bytes;
  EXPECT_TRUE(Contains(sent, "event: message\n")) << sent;
  EXPECT_TRUE(Contains(sent, "Someone will help you shortly."));
  EXPECT_TRUE(Contains(sent, "event: notification\n"));
  EXPECT_TRUE(Contains(sent, R"("reason":"frustration")"));
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
