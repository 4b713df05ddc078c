// A SQLite installation moves into an empty PostgreSQL database whole: conversations, people and
// their sessions, deliveries not yet handled, media files; ids go on after the copied ones, and
// search finds what it found before. A move changes nothing when it cannot finish.
#include "store/move_to_postgres.h"

#include <gtest/gtest.h>

#include <chrono>

#include "store/store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kT0 = base::FromMillis(1'700'000'000'000);
// Bytes a text format would have to escape, and bytes no text holds.
const std::string kAwkward = std::string("tab\there\nnew line\\back\rslash ") + '\0' + "\xff\xfe";

class MoveToPostgresTest : public SqliteStoreTest {
 protected:
  // What the SQLite installation holds: a handoff with a photo, a person signed in, and a
  // delivery acknowledged but not handled yet.
  void Fill() {
    auto s = store_->OpenConversation({ws_, core::Channel::kWhatsapp, "+34600111222"}, 10).value();
    core::Decision d;
    d.conversation = s.conversation;
    d.conversation.lease = {core::Mode::kManual, kT0 + 15min, 1};
    d.messages = {
        {0, 0, core::Author::kCustomer, "Quiero hablar con alguien\tya", kT0, 0, "wamid.1"},
        {0, 0, core::Author::kAi, "Te paso con una persona.", kT0, 1}};
    core::Notification n;
    n.kind = core::NotificationKind::kHandoff;
    n.reason = core::HandoffReason::kCustomerRequest;
    n.customer_name = "Lucía";
    n.at = kT0;
    d.notifications = {n};
    d.timers = {{core::TimerKind::kResume, kT0 + 15min}};
    committed_ = store_->Commit(ws_, d).value();
    ASSERT_TRUE(media_
                    ->AddMedia(ws_, "wamid.1",
                               {core::Attachment::kImage, "4242", "image/jpeg", "photo.jpg"}, kT0)
                    .ok());
    auto claimed = media_->ClaimMedia(kT0, 10, kT0 + 1min).value();
    ASSERT_EQ(claimed.size(), 1u);
    ASSERT_TRUE(
        media_->FinishMedia(claimed[0].id, {core::MediaState::kStored, "image/jpeg", kAwkward})
            .ok());

    const core::User ana = users_->CreateUser("ana@shop.example", "hash-of-ana", kT0).value();
    ASSERT_TRUE(users_->SetMembership(ws_, ana.id, core::Role::kOwner).ok());
    ASSERT_TRUE(users_->CreateSession({"token-hash", ana.id, "csrf", kT0, kT0 + 24h}).ok());
    ASSERT_TRUE(callbacks_->AppendCallback(core::Channel::kWhatsapp, kAwkward, kT0).ok());
  }

  base::Result<MovedData> Move() { return MoveToPostgres(url(), target_.url(), ""); }

  testing_support::PostgresDatabase target_;
  core::Decision committed_;
};

TEST_F(MoveToPostgresTest, EverythingTheInstallationHeldIsInPostgresAndWorks) {
  Fill();
  db_.reset();  // its serve stopped
  auto moved = Move();
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->rows["workspaces"], 1);
  EXPECT_EQ(moved->rows["messages"], 2);
  EXPECT_EQ(moved->rows["callbacks"], 1);
  EXPECT_EQ(moved->files, 1);

  auto opened = OpenDatabase(target_.url(), {.serving = true, .instance = "web-1"});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  Database& pg = **opened;
  const std::int64_t c = committed_.conversation.id;
  auto snapshot = pg.store().LoadConversation(ws_, c, 10);
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  EXPECT_EQ(snapshot->conversation.lease.mode, core::Mode::kManual);
  EXPECT_EQ(snapshot->conversation.version, committed_.conversation.version);
  ASSERT_EQ(snapshot->history.size(), 2u);
  EXPECT_EQ(snapshot->history[0].id, committed_.messages[0].id);
  EXPECT_EQ(snapshot->history[0].text, "Quiero hablar con alguien\tya");
  // The pause still ends when it did, and nothing is owed before then.
  EXPECT_TRUE(
      pg.store().ClaimTimers(core::TimerKind::kResume, kT0 + 14min, 10, kT0 + 16min)->empty());
  EXPECT_EQ(pg.store().ClaimTimers(core::TimerKind::kResume, kT0 + 15min, 10, kT0 + 17min)->size(),
            1u);
  auto found = pg.crm().ListConversations(ws_, {.search = "habl"}, std::nullopt, 10);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->conversations.size(), 1u);
  EXPECT_EQ(pg.crm().PageNotifications(ws_, std::nullopt, 10)->notifications.size(), 1u);

  // Ana stays signed in; the delivery and the photo's bytes came along unchanged.
  auto session = pg.users().FindSession("token-hash", kT0 + 1h);
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(pg.users().FindUserByEmail("ana@shop.example")->password_hash, "hash-of-ana");
  auto due = pg.callbacks().ClaimCallbacks(kT0, 10, kT0 + 1min);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].body, kAwkward);
  auto media = pg.media().ListMedia(ws_, c).value();
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(pg.media().ReadMedia(ws_, c, media[0].id)->second, kAwkward);

  // New rows take ids after the copied ones.
  auto next = pg.store().OpenConversation({ws_, core::Channel::kWhatsapp, "+34600999888"}, 10);
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_GT(next->conversation.id, c);
  core::Decision more;
  more.conversation = snapshot->conversation;
  more.messages = {{0, 0, core::Author::kCustomer, "¿hola?", kT0 + 1min, 1}};
  auto again = pg.store().Commit(ws_, more);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_GT(again->messages[0].id, committed_.messages[1].id);
}

TEST_F(MoveToPostgresTest, AMoveWaitsForTheServeOfTheFileToStop) {
  Fill();
  Reopen({.serving = true});
  auto moved = Move();
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, base::ErrorCode::kFailedPrecondition) << moved.error().message;
  db_.reset();
  auto opened = OpenDatabase(target_.url(), {});
  ASSERT_TRUE(opened.ok());
  EXPECT_FALSE((*opened)->store().FindWorkspace("acme").ok());
}

TEST_F(MoveToPostgresTest, ADatabaseThatHoldsDataIsNeverMovedInto) {
  Fill();
  db_.reset();
  {
    auto opened = OpenDatabase(target_.url(), {});
    ASSERT_TRUE(opened.ok());
    ASSERT_TRUE((*opened)->store().CreateWorkspace("theirs").ok());
  }
  auto moved = Move();
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, base::ErrorCode::kFailedPrecondition) << moved.error().message;
  auto opened = OpenDatabase(target_.url(), {});
  EXPECT_FALSE((*opened)->store().FindWorkspace("acme").ok());
  EXPECT_TRUE((*opened)->store().FindWorkspace("theirs").ok());
}

TEST_F(MoveToPostgresTest, AMissingMediaFileStopsTheMoveAndNothingIsCopied) {
  Fill();
  db_.reset();
  std::filesystem::remove_all(dir_ / "media");
  auto moved = Move();
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, base::ErrorCode::kNotFound) << moved.error().message;
  auto opened = OpenDatabase(target_.url(), {});
  ASSERT_TRUE(opened.ok());
  EXPECT_FALSE((*opened)->store().FindWorkspace("acme").ok());
}

TEST_F(MoveToPostgresTest, OnlySqliteMovesIntoPostgres) {
  db_.reset();
  EXPECT_EQ(MoveToPostgres(target_.url(), target_.url(), "").error().code,
            base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(MoveToPostgres(url(), url(), "").error().code, base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(MoveToPostgres("sqlite:" + (dir_ / "none.db").string(), target_.url(), "").error().code,
            base::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace store
