#include "api/live_feed.h"

#include <gtest/gtest.h>

#include "testing/shop_store.h"

namespace api {
namespace {

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);

bool Contains(const std::string& data, std::string_view part) {
  return data.find(part) != std::string::npos;
}

// A caller who authenticated with an API token.
Caller WithToken(std::int64_t user_id, std::int64_t token_id = 1) {
  Caller caller;
  caller.user.id = user_id;
  caller.api_token_id = token_id;
  return caller;
}

// A caller who authenticated with the session of this token hash.
Caller WithSession(std::int64_t user_id, const std::string& token_hash,
                   base::TimePoint expires_at = kT0 + std::chrono::hours{24}) {
  Caller caller;
  caller.user.id = user_id;
  caller.session = core::Session{token_hash, user_id, "csrf", kT0, expires_at};
  return caller;
}

std::shared_ptr<http::EventStream> Open(LiveFeed& feed, std::int64_t workspace_id,
                                        const Caller& caller) {
  auto stream = std::make_shared<http::EventStream>();
  feed.Subscribe(workspace_id, caller, stream);
  return stream;
}

TEST(LiveFeedTest, DeliveriesReachTheStreamsOfTheirWorkspaceOnly) {
  LiveFeed feed;
  auto mine = Open(feed, 1, WithToken(1));
  auto theirs = Open(feed, 2, WithToken(2));
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
      testing_support::CommitHandoff(shop.db->store(), ws, "visitor-1", "I am upset",
                                     core::HandoffReason::kFrustration, base::FromMillis(1000));

  LiveFeed feed;
  auto stream = Open(feed, ws, WithToken(1));
  PublishDecision(feed, shop.db->crm(), shop.db->media(), committed);
  const std::string sent = stream->TakePending().bytes;
  EXPECT_TRUE(Contains(sent, "event: message\n")) << sent;
  EXPECT_TRUE(Contains(sent, "I am upset"));
  EXPECT_TRUE(Contains(sent, "event: notification\n"));
  EXPECT_TRUE(Contains(sent, R"("reason":"frustration")"));
  EXPECT_TRUE(Contains(sent, "event: conversation\n"));
  EXPECT_TRUE(Contains(sent, R"("unread":1)"));
}

// A customer's photo is on the dashboard as being fetched as soon as its message is.
TEST(LiveFeedTest, ACustomersMessageComesWithItsFilesStillPending) {
  testing_support::ShopStore shop;
  const std::int64_t ws = shop.workspace_id;
  auto snapshot =
      shop.db->store().OpenConversation({ws, core::Channel::kWhatsapp, "1650", "1065"}, 10);
  ASSERT_TRUE(snapshot.ok());
  core::Decision d;
  d.conversation = snapshot->conversation;
  d.messages = {{0, 0, core::Author::kCustomer, "This one", kT0, 0, "wamid.photo"}};
  auto committed = shop.db->store().Commit(ws, d);
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  ASSERT_TRUE(
      shop.db->media()
          .AddMedia(ws, "wamid.photo", {core::Attachment::kImage, "4242", "image/jpeg", ""}, kT0)
          .ok());

  LiveFeed feed;
  auto stream = Open(feed, ws, WithToken(1));
  PublishDecision(feed, shop.db->crm(), shop.db->media(), *committed);
  const std::string sent = stream->TakePending().bytes;
  EXPECT_TRUE(Contains(sent, "event: message\n")) << sent;
  EXPECT_TRUE(Contains(sent, R"("media":[{)")) << sent;
  EXPECT_TRUE(Contains(sent, R"("state":"pending")")) << sent;
  EXPECT_FALSE(Contains(sent, "4242")) << sent;  // the provider's reference stays inside
}

TEST(LiveFeedTest, AnEndedStreamIsDroppedAndTheWorkspaceIsNoLongerWatched) {
  LiveFeed feed;
  EXPECT_FALSE(feed.Watched(1));
  auto stream = Open(feed, 1, WithToken(1));
  EXPECT_TRUE(feed.Watched(1));
  stream->Detach();  // the dashboard went away
  feed.Publish(1, "message", {{"x", 1}});
  EXPECT_FALSE(feed.Watched(1));
}

TEST(LiveFeedTest, ARemovedMembersStreamsOfThatWorkspaceEndAndNoOneElses) {
  LiveFeed feed;
  auto browser = Open(feed, 1, WithSession(7, "ana-laptop"));
  auto script = Open(feed, 1, WithToken(7));
  auto elsewhere = Open(feed, 2, WithSession(7, "ana-laptop"));
  auto colleague = Open(feed, 1, WithSession(8, "bob-laptop"));
  feed.EndMember(1, 7);
  EXPECT_TRUE(browser->ended());
  EXPECT_TRUE(script->ended());
  EXPECT_FALSE(elsewhere->ended());
  EXPECT_FALSE(colleague->ended());
  feed.EndMember(1, 8);
  EXPECT_FALSE(feed.Watched(1));  // no stream left to publish to
  EXPECT_TRUE(feed.Watched(2));
}

TEST(LiveFeedTest, SignedOutSessionsEndTheirStreamsAndApiTokensKeepTheirs) {
  LiveFeed feed;
  const Caller laptop = WithSession(7, "ana-laptop");
  auto on_laptop = Open(feed, 1, laptop);
  auto on_phone = Open(feed, 1, WithSession(7, "ana-phone"));
  auto script = Open(feed, 1, WithToken(7));
  auto colleague = Open(feed, 1, WithSession(8, "bob-laptop"));

  feed.EndOtherSessions(laptop);  // a new password set from the laptop
  EXPECT_FALSE(on_laptop->ended());
  EXPECT_TRUE(on_phone->ended());
  EXPECT_FALSE(script->ended());
  EXPECT_FALSE(colleague->ended());

  feed.EndSession("ana-laptop");  // signed out
  EXPECT_TRUE(on_laptop->ended());
  EXPECT_FALSE(script->ended());

  // A new password set with an API token ends every session's stream of the user.
  auto again = Open(feed, 1, WithSession(7, "ana-tablet"));
  feed.EndOtherSessions(WithToken(7));
  EXPECT_TRUE(again->ended());
  EXPECT_FALSE(script->ended());
  EXPECT_FALSE(colleague->ended());
}

TEST(LiveFeedTest, ARevokedApiTokensStreamsEndAndNoOneElses) {
  LiveFeed feed;
  auto revoked = Open(feed, 1, WithToken(7, 3));
  auto in_other_workspace = Open(feed, 2, WithToken(7, 3));
  auto other_token = Open(feed, 1, WithToken(7, 4));
  auto session = Open(feed, 1, WithSession(7, "ana-laptop"));
  feed.EndApiToken(3);
  EXPECT_TRUE(revoked->ended());
  EXPECT_TRUE(in_other_workspace->ended());
  EXPECT_FALSE(other_token->ended());
  EXPECT_FALSE(session->ended());
}

TEST(LiveFeedTest, StreamsOfExpiredSessionsEnd) {
  LiveFeed feed;
  const base::TimePoint t1 = kT0 + std::chrono::hours{1};
  auto ending_at_t1 = Open(feed, 1, WithSession(7, "ana-laptop", t1));
  auto ending_later = Open(feed, 1, WithSession(7, "ana-phone", t1 + std::chrono::hours{1}));
  auto script = Open(feed, 1, WithToken(7));
  feed.EndExpiredSessions(t1 - std::chrono::milliseconds{1});
  EXPECT_FALSE(ending_at_t1->ended());
  feed.EndExpiredSessions(t1);
  EXPECT_TRUE(ending_at_t1->ended());
  EXPECT_FALSE(ending_later->ended());
  EXPECT_FALSE(script->ended());
}

// What a feed tells the other instances, recorded; and a feed of another instance that hears it.
class Recorded final : public core::Announcements {
 public:
  base::Status Announce(const core::Announcement& a) override {
    said.push_back(a);
    return base::Status::Ok();
  }
  void Listen(std::function<void(const core::Announcement&)>, std::function<void()>) override {}
  void StopListening() override {}
  std::vector<core::Announcement> said;
};

TEST(LiveFeedTest, StreamsEndOnEveryInstanceWhenTheAccessEndsOnOne) {
  Recorded said;
  LiveFeed here(&said);
  LiveFeed there;
  auto laptop_there = Open(there, 1, WithSession(7, "ana-laptop"));
  auto phone_there = Open(there, 1, WithSession(7, "ana-phone"));
  auto script_there = Open(there, 1, WithToken(7, 3));
  auto bob_there = Open(there, 1, WithSession(8, "bob-laptop"));
  auto bob_elsewhere = Open(there, 2, WithSession(8, "bob-laptop"));
  auto heard = [&] {
    for (const core::Announcement& a : said.said) there.Hear(a);
    said.said.clear();
  };

  here.EndOtherSessions(WithSession(7, "ana-laptop"));
  heard();
  EXPECT_TRUE(phone_there->ended());
  EXPECT_FALSE(laptop_there->ended());
  EXPECT_FALSE(script_there->ended());
  here.EndSession("ana-laptop");
  heard();
  EXPECT_TRUE(laptop_there->ended());
  here.EndApiToken(3);
  heard();
  EXPECT_TRUE(script_there->ended());
  EXPECT_FALSE(bob_there->ended());
  here.EndMember(1, 8);
  heard();
  EXPECT_TRUE(bob_there->ended());
  EXPECT_FALSE(bob_elsewhere->ended());
  here.EndAll();
  EXPECT_FALSE(bob_elsewhere->ended());  // one instance's EndAll is its own
  there.EndAll();
  EXPECT_TRUE(bob_elsewhere->ended());
}

TEST(LiveFeedTest, ChangesMadeThroughAFeedAreAnnouncedAndADecisionIsLeftToItsCommit) {
  testing_support::ShopStore shop;
  const std::int64_t ws = shop.workspace_id;
  const core::Decision committed =
      testing_support::CommitHandoff(shop.db->store(), ws, "visitor-1", "I am upset",
                                     core::HandoffReason::kFrustration, base::FromMillis(1000));
  Recorded said;
  LiveFeed feed(&said);
  PublishDecision(feed, shop.db->crm(), shop.db->media(), committed);
  EXPECT_TRUE(said.said.empty());

  const std::int64_t c = committed.conversation.id;
  PublishSummary(feed, ws, shop.db->crm().LoadSummary(ws, c).value());
  PublishDeliveries(feed, {{ws, c, 42, core::DeliveryStatus::kRead, ""}});
  PublishMedia(feed, core::Media{.workspace_id = ws, .conversation_id = c, .message_id = 43});
  ASSERT_EQ(said.said.size(), 3u);
  EXPECT_EQ(said.said[0], (core::Announcement{.kind = core::AnnouncementKind::kConversation,
                                              .workspace_id = ws,
                                              .conversation_id = c}));
  EXPECT_EQ(said.said[1].kind, core::AnnouncementKind::kDeliveries);
  EXPECT_EQ(said.said[1].messages, (std::vector<core::MessageRef>{{ws, c, 42}}));
  EXPECT_EQ(said.said[2].kind, core::AnnouncementKind::kMedia);
  EXPECT_EQ(said.said[2].messages, (std::vector<core::MessageRef>{{ws, c, 43}}));
}

// Another instance committed a handoff: this one reads it back by the ids it was told and
// publishes what the committing instance's own streams got.
TEST(LiveFeedTest, AnAnnouncedDecisionIsReadBackAndPublishedAsItsCommitWas) {
  testing_support::ShopStore shop;
  const std::int64_t ws = shop.workspace_id;
  const core::Decision committed =
      testing_support::CommitHandoff(shop.db->store(), ws, "visitor-1", "I am upset",
                                     core::HandoffReason::kFrustration, base::FromMillis(1000));
  core::Announcement announced{.kind = core::AnnouncementKind::kDecision,
                               .workspace_id = ws,
                               .conversation_id = committed.conversation.id,
                               .channel = committed.conversation.channel};
  for (const core::Message& m : committed.messages) announced.message_ids.push_back(m.id);
  for (const core::Notification& n : committed.notifications) {
    announced.notification_ids.push_back(n.id);
  }

  auto read = ReadAnnouncedDecision(shop.db->crm(), announced);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->messages.size(), committed.messages.size());
  for (std::size_t i = 0; i < committed.messages.size(); ++i) {
    EXPECT_EQ(read->messages[i].id, committed.messages[i].id);
    EXPECT_EQ(read->messages[i].text, committed.messages[i].text);
  }
  ASSERT_EQ(read->notifications.size(), 1u);
  EXPECT_EQ(read->notifications[0].id, committed.notifications[0].id);

  LiveFeed here;
  LiveFeed there;
  auto on_here = Open(here, ws, WithToken(1));
  auto on_there = Open(there, ws, WithToken(1));
  PublishDecision(here, shop.db->crm(), shop.db->media(), committed);
  PublishHeard(there, shop.db->crm(), shop.db->media(), announced);
  const std::string sent = on_there->TakePending().bytes;
  EXPECT_EQ(sent, on_here->TakePending().bytes);
  EXPECT_TRUE(Contains(sent, "I am upset")) << sent;
  EXPECT_TRUE(Contains(sent, R"("reason":"frustration")"));
  EXPECT_TRUE(Contains(sent, "event: conversation\n"));
}

TEST(LiveFeedTest, AnnouncedDeliveriesAndChangesAreReadBackForTheWorkspacesWatched) {
  testing_support::ShopStore shop;
  const std::int64_t ws = shop.workspace_id;
  const core::Decision committed =
      testing_support::CommitHandoff(shop.db->store(), ws, "visitor-1", "I am upset",
                                     core::HandoffReason::kFrustration, base::FromMillis(1000));
  const std::int64_t c = committed.conversation.id;
  const std::int64_t m = committed.messages.back().id;
  LiveFeed there;
  auto watching = Open(there, ws, WithToken(1));
  auto elsewhere = Open(there, ws + 1, WithToken(2));

  PublishHeard(there, shop.db->crm(), shop.db->media(),
               {.kind = core::AnnouncementKind::kDeliveries, .messages = {{ws, c, m}}});
  std::string sent = watching->TakePending().bytes;
  EXPECT_TRUE(Contains(sent, "event: delivery\n")) << sent;
  EXPECT_TRUE(Contains(sent, R"("message_id":)" + std::to_string(m))) << sent;
  PublishHeard(
      there, shop.db->crm(), shop.db->media(),
      {.kind = core::AnnouncementKind::kConversation, .workspace_id = ws, .conversation_id = c});
  sent = watching->TakePending().bytes;
  EXPECT_TRUE(Contains(sent, "event: conversation\n")) << sent;
  EXPECT_TRUE(elsewhere->TakePending().bytes.empty());
  // A message no longer stored is left out.
  PublishHeard(there, shop.db->crm(), shop.db->media(),
               {.kind = core::AnnouncementKind::kDeliveries, .messages = {{ws, c, m + 1000}}});
  EXPECT_TRUE(watching->TakePending().bytes.empty());
}
}  // namespace
}  // namespace api
