// Instances sharing a PostgreSQL database hear what the others committed: a decision's ids when
// its transaction commits (never when it does not), the announcements of other changes, each
// list split below NOTIFY's limit; an instance never hears its own; a listener that lost its
// connection says so once it listens again.
#include "store/postgres/announcements.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/postgres/announcement_payload.h"
#include "store/store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;
using core::Announcement;
using core::AnnouncementKind;

const base::TimePoint kT0 = base::FromMillis(1'700'000'000'000);

TEST(AnnouncementPayloadTest, EveryKindComesBackAsItWasAnnounced) {
  const std::vector<Announcement> sent = {
      {.kind = AnnouncementKind::kDecision,
       .workspace_id = 3,
       .conversation_id = 9,
       .channel = core::Channel::kInstagram,
       .message_ids = {10, 11},
       .notification_ids = {4}},
      {.kind = AnnouncementKind::kDeliveries, .messages = {{3, 9, 10}, {5, 2, 12}}},
      {.kind = AnnouncementKind::kMedia, .messages = {{3, 9, 10}}},
      {.kind = AnnouncementKind::kConversation, .workspace_id = 3, .conversation_id = 9},
      {.kind = AnnouncementKind::kMemberRemoved, .workspace_id = 3, .user_id = 8},
      {.kind = AnnouncementKind::kSessionEnded, .token_hash = "ab12"},
      {.kind = AnnouncementKind::kOtherSessionsEnded, .user_id = 8, .token_hash = "ab12"},
      {.kind = AnnouncementKind::kApiTokenRevoked, .token_id = 6},
  };
  for (const Announcement& a : sent) {
    const std::vector<std::string> payloads = postgres::EncodeAnnouncement("web-1", a);
    ASSERT_EQ(payloads.size(), 1u);
    auto heard = postgres::DecodeAnnouncement(payloads[0]);
    ASSERT_TRUE(heard.has_value()) << payloads[0];
    EXPECT_EQ(heard->origin, "web-1");
    EXPECT_EQ(heard->announcement, a) << payloads[0];
  }
}

TEST(AnnouncementPayloadTest, ALongListGoesOutInPayloadsBelowNotifysLimit) {
  Announcement a{.kind = AnnouncementKind::kDeliveries};
  for (std::int64_t i = 0; i < 1000; ++i) {
    a.messages.push_back({1'000'000'000 + i, 2'000'000'000 + i, 3'000'000'000 + i});
  }
  std::vector<core::MessageRef> heard;
  for (const std::string& payload : postgres::EncodeAnnouncement("web-1", a)) {
    EXPECT_LT(payload.size(), 8000u);
    auto decoded = postgres::DecodeAnnouncement(payload);
    ASSERT_TRUE(decoded.has_value());
    heard.insert(heard.end(), decoded->announcement.messages.begin(),
                 decoded->announcement.messages.end());
  }
  EXPECT_EQ(heard, a.messages);
}

TEST(AnnouncementPayloadTest, APayloadThisVersionCannotReadIsIgnored) {
  for (const char* payload :
       {"", "not json", "[]", R"({"i":"web-1"})", R"({"i":"web-1","k":"something_new"})",
        R"({"i":"web-1","k":"decision","w":"three"})", R"({"i":"web-1","k":"decision","ch":"fax"})",
        R"({"i":"web-1","k":"media","r":[[1,2]]})"}) {
    EXPECT_FALSE(postgres::DecodeAnnouncement(payload).has_value()) << payload;
  }
}

// What one instance hears, waited for as it arrives.
class Ears {
 public:
  void ListenTo(core::Announcements& announcements) {
    announcements.Listen(
        [this](const Announcement& a) {
          std::lock_guard lock(mutex_);
          heard_.push_back(a);
          changed_.notify_all();
        },
        [this] {
          std::lock_guard lock(mutex_);
          ++missed_;
          changed_.notify_all();
        });
  }
  // What was heard once `count` announcements were (the deadline guards against a hang).
  std::vector<Announcement> WaitFor(std::size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, 20s, [&] { return heard_.size() >= count; });
    return heard_;
  }
  bool WaitMissed() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 20s, [&] { return missed_ > 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Announcement> heard_;
  int missed_ = 0;
};

// Announced by a test after what it checks: heard after everything announced before it.
const Announcement kMarker{.kind = AnnouncementKind::kApiTokenRevoked, .token_id = 99};

// The fixture's database and other_ serve the same database as two processes. Both were given the
// instance name "web-1" (a misconfiguration): each still hears the other, as the names in
// announcements are the processes'.
class AnnouncementsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    Reopen({.instance = "web-1"});
    auto other = OpenDatabase(url(), {.instance = "web-1"});
    ASSERT_TRUE(other.ok()) << other.error().message;
    other_ = std::move(*other);
  }
  void TearDown() override {
    other_.reset();
    StoreTest::TearDown();
  }

  // A customer message committed by the first in a new conversation, with a handoff notification.
  core::Decision CommitCustomerMessage(const std::string& customer) {
    auto s = store_->OpenConversation({ws_, core::Channel::kWhatsapp, customer}, 10).value();
    core::Decision d;
    d.conversation = s.conversation;
    d.messages = {{0, 0, core::Author::kCustomer, "a person, please", kT0, 0},
                  {0, 0, core::Author::kAi, "One moment.", kT0, 0}};
    core::Notification n;
    n.kind = core::NotificationKind::kHandoff;
    n.reason = core::HandoffReason::kCustomerRequest;
    n.at = kT0;
    d.notifications = {n};
    return store_->Commit(ws_, d).value();
  }

  std::unique_ptr<Database> other_;
};

TEST_P(AnnouncementsTest, ACommittedDecisionIsHeardByTheOtherInstancesWithItsIds) {
  Ears first;
  Ears second;
  first.ListenTo(db_->announcements());
  second.ListenTo(other_->announcements());
  // A listener hears what was announced once it listens: the markers show when that is.
  ASSERT_TRUE(db_->announcements().Announce(kMarker).ok());
  ASSERT_EQ(second.WaitFor(1).size(), 1u);
  ASSERT_TRUE(other_->announcements().Announce(kMarker).ok());
  ASSERT_EQ(first.WaitFor(1).size(), 1u);

  const core::Decision committed = CommitCustomerMessage("+34600000001");
  ASSERT_TRUE(other_->announcements().Announce(kMarker).ok());
  const std::vector<Announcement> heard = second.WaitFor(2);
  ASSERT_EQ(heard.size(), 2u);
  const Announcement& a = heard[1];
  EXPECT_EQ(a.kind, AnnouncementKind::kDecision);
  EXPECT_EQ(a.workspace_id, ws_);
  EXPECT_EQ(a.conversation_id, committed.conversation.id);
  EXPECT_EQ(a.channel, core::Channel::kWhatsapp);
  EXPECT_EQ(a.message_ids,
            (std::vector<std::int64_t>{committed.messages[0].id, committed.messages[1].id}));
  EXPECT_EQ(a.notification_ids, std::vector<std::int64_t>{committed.notifications[0].id});
  // The first heard the other's markers and nothing of its own.
  EXPECT_EQ(first.WaitFor(2), (std::vector<Announcement>{kMarker, kMarker}));
}

TEST_P(AnnouncementsTest, ADecisionThatDoesNotCommitIsNotHeard) {
  Ears second;
  second.ListenTo(other_->announcements());
  ASSERT_TRUE(db_->announcements().Announce(kMarker).ok());
  ASSERT_EQ(second.WaitFor(1).size(), 1u);

  // Refused: a stale version.
  auto s = store_->OpenConversation({ws_, core::Channel::kWhatsapp, "+34600000002"}, 10).value();
  core::Decision stale;
  stale.conversation = s.conversation;
  stale.conversation.version = 7;
  stale.messages = {{0, 0, core::Author::kCustomer, "hello", kT0, 0}};
  EXPECT_EQ(store_->Commit(ws_, stale).error().code, base::ErrorCode::kConflict);
  // Rolled back with the transaction around it.
  const base::Status undone = store_->Atomically([&]() -> base::Status {
    core::Decision d;
    d.conversation = s.conversation;
    d.messages = {{0, 0, core::Author::kCustomer, "hello", kT0, 0}};
    if (auto done = store_->Commit(ws_, d); !done.ok()) return done.error();
    return base::Error::Unavailable("changed our mind");
  });
  EXPECT_FALSE(undone.ok());

  ASSERT_TRUE(db_->announcements().Announce(kMarker).ok());
  EXPECT_EQ(second.WaitFor(2), (std::vector<Announcement>{kMarker, kMarker}));
}

TEST_P(AnnouncementsTest, AListenerThatLostItsConnectionSaysSoAndHearsAgain) {
  Ears second;
  second.ListenTo(other_->announcements());
  ASSERT_TRUE(db_->announcements().Announce(kMarker).ok());
  ASSERT_EQ(second.WaitFor(1).size(), 1u);

  ExecuteRaw(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
      " AND datname = current_database() AND pid <> pg_backend_pid()");
  ASSERT_TRUE(second.WaitMissed());
  const Announcement ended{.kind = AnnouncementKind::kSessionEnded, .token_hash = "cd34"};
  ASSERT_TRUE(db_->announcements().Announce(ended).ok());
  EXPECT_EQ(second.WaitFor(2), (std::vector<Announcement>{kMarker, ended}));
}

FRONTDESK_ON_POSTGRES(AnnouncementsTest);

}  // namespace
}  // namespace store
