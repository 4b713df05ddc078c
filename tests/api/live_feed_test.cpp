#include "api/live_feed.h"

#include <gtest/gtest.h>

#include "testing/shop_store.h"

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
  testing_support::ShopStore shop;
  const std::int64_t ws = shop.workspace_id;
  const core::Decision committed =
      testing_support::CommitHandoff(*shop.store, ws, "visitor-1", "I am upset",
                                     core::HandoffReason::kFrustration, base::FromMillis(1000));

  LiveFeed feed;
  auto stream = std::make_shared<http::EventStream>();
  feed.Subscribe(ws, stream);
  PublishDecision(feed, *shop.store, committed);
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
