// The media store: a customer message's file recorded, claimed, stored and read back, isolated
// per workspace.
#include <gtest/gtest.h>

#include <filesystem>

#include "store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);
constexpr const char* kKey = "whatsapp:message:wamid.A";

class MediaStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto s = store_->OpenConversation({ws_, core::Channel::kWhatsapp, "16505551234", "1065"}, 10);
    ASSERT_TRUE(s.ok());
    core::Decision d;
    d.conversation = s->conversation;
    d.messages.push_back({0, 0, core::Author::kCustomer, "[image]", kT0, 0, kKey});
    auto committed = store_->Commit(ws_, d);
    ASSERT_TRUE(committed.ok()) << committed.error().message;
    conversation_ = committed->conversation.id;
    message_ = committed->messages[0].id;
  }

  void Add(base::TimePoint due = kT0) {
    ASSERT_TRUE(
        media_->AddMedia(ws_, kKey, {core::Attachment::kImage, "1908", "image/jpeg", ""}, due)
            .ok());
  }

  std::int64_t conversation_ = 0;
  std::int64_t message_ = 0;
};

TEST_P(MediaStoreTest, AMessagesMediaIsPendingThenStoredAndReadBack) {
  Add();
  Add();  // a second delivery of the message records nothing more
  auto claimed = media_->ClaimMedia(kT0, 10, kT0 + 5min);
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 1u);
  const core::Media& m = (*claimed)[0];
  EXPECT_EQ(m.message_id, message_);
  EXPECT_EQ(m.conversation_id, conversation_);
  EXPECT_EQ(m.channel, core::Channel::kWhatsapp);
  EXPECT_EQ(m.account_id, "1065");
  EXPECT_EQ(m.source, "1908");
  EXPECT_EQ(m.state, core::MediaState::kPending);
  ASSERT_TRUE(
      media_->FinishMedia(m.id, {core::MediaState::kStored, "image/jpeg", "JPEG", ""}).ok());
  auto read = media_->ReadMedia(ws_, conversation_, m.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->first.state, core::MediaState::kStored);
  EXPECT_EQ(read->first.size, 4);
  EXPECT_EQ(read->first.sha256.size(), 64u);
  EXPECT_EQ(read->second, "JPEG");
  if (backend_ == TestBackend::kSqlite) {  // a file beside the database; PostgreSQL: a row
    EXPECT_TRUE(std::filesystem::exists(dir_ / "media" / read->first.sha256));
  }
  auto listed = media_->ListMedia(ws_, conversation_);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].state, core::MediaState::kStored);
}

TEST_P(MediaStoreTest, AClaimedMediaIsLeasedUntilItsLeaseEnds) {
  Add();
  ASSERT_EQ(media_->ClaimMedia(kT0, 10, kT0 + 5min)->size(), 1u);
  EXPECT_TRUE(media_->ClaimMedia(kT0 + 1min, 10, kT0 + 6min)->empty());
  EXPECT_EQ(media_->ClaimMedia(kT0 + 5min, 10, kT0 + 10min)->size(), 1u);  // its fetcher died
}

TEST_P(MediaStoreTest, ARetryWaitsAndCountsTheAttempt) {
  Add();
  const auto id = (*media_->ClaimMedia(kT0, 10, kT0 + 5min))[0].id;
  ASSERT_TRUE(media_->RetryMedia(id, kT0 + 30s, "the provider answered HTTP 503").ok());
  EXPECT_TRUE(media_->ClaimMedia(kT0 + 29s, 10, kT0 + 5min)->empty());
  auto again = media_->ClaimMedia(kT0 + 30s, 10, kT0 + 5min);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].attempts, 1);
  EXPECT_EQ((*again)[0].error, "the provider answered HTTP 503");
}

TEST_P(MediaStoreTest, AFinalStateIsNeverClaimedAgainAndHasNoBytes) {
  Add();
  const auto id = (*media_->ClaimMedia(kT0, 10, kT0 + 5min))[0].id;
  ASSERT_TRUE(
      media_->FinishMedia(id, {core::MediaState::kTooLarge, {}, {}, "the file is too large"}).ok());
  EXPECT_TRUE(media_->ClaimMedia(kT0 + 1h, 10, kT0 + 2h)->empty());
  auto read = media_->ReadMedia(ws_, conversation_, id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->first.state, core::MediaState::kTooLarge);
  EXPECT_EQ(read->first.error, "the file is too large");
  EXPECT_EQ(read->second, "");
}

TEST_P(MediaStoreTest, AnotherWorkspaceSeesNothing) {
  Add();
  const auto id = (*media_->ClaimMedia(kT0, 10, kT0 + 5min))[0].id;
  const auto other = store_->CreateWorkspace("other")->id;
  EXPECT_EQ(media_->ReadMedia(other, conversation_, id).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(media_->ListMedia(other, conversation_)->empty());
  // Nor does a message id of another workspace get media recorded.
  ASSERT_TRUE(
      media_->AddMedia(other, kKey, {core::Attachment::kImage, "9", "image/jpeg", ""}, kT0).ok());
  EXPECT_EQ(media_->ListMedia(ws_, conversation_)->size(), 1u);
}

FRONTDESK_ON_BOTH_BACKENDS(MediaStoreTest);

}  // namespace
}  // namespace store
