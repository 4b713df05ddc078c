// The media fetcher on a real SQLite store with a scripted Graph API: WhatsApp's two steps, the
// limits, retries with backoff on what may pass, and final states for what will not.
#include "runtime/media_fetcher.h"

#include <gtest/gtest.h>

#include <deque>
#include <vector>

#include "testing/shop_store.h"

namespace runtime {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);
constexpr const char* kPhoneId = testing_support::kFixturePhoneId;
constexpr const char* kPageId = testing_support::kFixturePageId;
constexpr const char* kInfo =
    R"({"url":"https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1",)"
    R"("mime_type":"image/jpeg","file_size":4,"id":"1908"})";

class MediaFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing_support::ConnectFixtureAccounts(db_->channel_accounts(), ws_, "token-1");
    fetcher_.SetObserver([this](const core::Media& m) { settled_.push_back(m); });
  }

  // A customer message on `channel` with `media`; returns its conversation's id.
  std::int64_t Receive(core::Channel channel, const core::NewMedia& media) {
    const bool wa = channel == core::Channel::kWhatsapp;
    auto s =
        db_->store().OpenConversation({ws_, channel, "16505551234", wa ? kPhoneId : kPageId}, 10);
    EXPECT_TRUE(s.ok());
    core::Decision d;
    d.conversation = s->conversation;
    const std::string key =
        std::string(core::ToString(channel)) + ":message:m" + std::to_string(++messages_);
    d.messages.push_back({0, 0, core::Author::kCustomer, "[image]", kT0, 0, key});
    EXPECT_TRUE(db_->store().Commit(ws_, d).ok());
    EXPECT_TRUE(media_.AddMedia(ws_, key, media, clock_.Now()).ok());
    return s->conversation.id;
  }

  core::Media Only(std::int64_t conversation) {
    auto listed = media_.ListMedia(ws_, conversation);
    EXPECT_TRUE(listed.ok());
    EXPECT_EQ(listed->size(), 1u);
    return listed->empty() ? core::Media{} : listed->front();
  }

  MediaRun Run() {
    auto run = fetcher_.RunOnce();
    EXPECT_TRUE(run.ok());
    return run.ok() ? *run : MediaRun{};
  }

  testing_support::ShopStore shop_;
  store::Database* db_ = shop_.db.get();
  std::int64_t ws_ = shop_.workspace_id;
  core::MediaStore& media_ = db_->media();
  base::FakeClock clock_{kT0};
  std::deque<base::Result<MediaReply>> script_;
  std::vector<channels::OutboundRequest> sent_;
  std::vector<core::Media> settled_;
  int messages_ = 0;
  MediaFetcher fetcher_{media_, db_->channel_accounts(),
                        [this](const channels::OutboundRequest& r) -> base::Result<MediaReply> {
                          sent_.push_back(r);
                          if (script_.empty()) return MediaReply{500, "", "", false};
                          auto next = script_.front();
                          script_.pop_front();
                          return next;
                        },
                        clock_, MediaSettings{.max_attempts = 3}};
};

TEST_F(MediaFetcherTest, AWhatsappPhotoIsDescribedThenDownloadedWithTheToken) {
  const auto c = Receive(core::Channel::kWhatsapp, {core::Attachment::kImage, "1908", "", ""});
  script_ = {MediaReply{200, "application/json", kInfo, false},
             MediaReply{200, "image/jpeg", "JPEG", false}};
  EXPECT_EQ(Run().stored, 1);
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(sent_[0].path, "/v25.0/1908");
  EXPECT_EQ(sent_[1].path, "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1");
  EXPECT_EQ(sent_[1].headers.at(0).value, "Bearer token-1");
  const core::Media m = Only(c);
  EXPECT_EQ(m.state, core::MediaState::kStored);
  EXPECT_EQ(m.mime_type, "image/jpeg");
  EXPECT_EQ(media_.ReadMedia(ws_, c, m.id)->second, "JPEG");
  ASSERT_EQ(settled_.size(), 1u);
  EXPECT_EQ(settled_[0].state, core::MediaState::kStored);
}

TEST_F(MediaFetcherTest, AServerErrorIsRetriedAfterABackoff) {
  const auto c = Receive(core::Channel::kWhatsapp, {core::Attachment::kImage, "1908", "", ""});
  script_ = {MediaReply{503, "", "", false}};
  EXPECT_EQ(Run().retried, 1);
  EXPECT_EQ(Only(c).state, core::MediaState::kPending);
  EXPECT_EQ(Run().retried, 0);  // not due yet
  EXPECT_EQ(sent_.size(), 1u);
  clock_.Advance(2s);
  script_ = {MediaReply{200, "application/json", kInfo, false},
             MediaReply{200, "image/jpeg", "JPEG", false}};
  EXPECT_EQ(Run().stored, 1);
  EXPECT_EQ(Only(c).state, core::MediaState::kStored);
}

TEST_F(MediaFetcherTest, NoAnswerIsRetriedUntilTheLastAttemptThenFails) {
  const auto c = Receive(core::Channel::kWhatsapp, {core::Attachment::kImage, "1908", "", ""});
  for (int i = 0; i < 3; ++i) {
    script_ = {base::Error::Unavailable("timed out")};
    Run();
    clock_.Advance(1h);
  }
  const core::Media m = Only(c);
  EXPECT_EQ(m.state, core::MediaState::kFailed);
  EXPECT_EQ(m.error, "the download kept failing");
  EXPECT_EQ(sent_.size(), 3u);
}

TEST_F(MediaFetcherTest, AClientErrorFailsAtOnce) {
  const auto c = Receive(core::Channel::kWhatsapp, {core::Attachment::kImage, "1908", "", ""});
  script_ = {MediaReply{404, "application/json", "{}", false}};
  EXPECT_EQ(Run().refused, 1);
  EXPECT_EQ(Only(c).state, core::MediaState::kFailed);
  EXPECT_EQ(Only(c).error, "the provider answered HTTP 404");
  clock_.Advance(1h);
  Run();
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(MediaFetcherTest, AFileLargerThanItsKindAllowsIsNotDownloaded) {
  const auto c = Receive(core::Channel::kWhatsapp, {core::Attachment::kImage, "1908", "", ""});
  script_ = {MediaReply{200, "application/json",
                        R"({"url":"https://lookaside.fbsbx.com/x","file_size":6000000})", false}};
  EXPECT_EQ(Run().refused, 1);
  EXPECT_EQ(Only(c).state, core::MediaState::kTooLarge);
  EXPECT_EQ(sent_.size(), 1u);  // the description only
}

TEST_F(MediaFetcherTest, ABodyCutOffAtTheTransportsLimitIsTooLarge) {
  const auto c = Receive(core::Channel::kMessenger,
                         {core::Attachment::kVideo, "https://scontent.xx.fbcdn.net/v.mp4", "", ""});
  script_ = {MediaReply{.too_large = true}};
  Run();
  EXPECT_EQ(Only(c).state, core::MediaState::kTooLarge);
}

TEST_F(MediaFetcherTest, AMessengerAttachmentTakesItsTypeFromTheDownloadAndNoToken) {
  const auto c = Receive(core::Channel::kMessenger,
                         {core::Attachment::kImage, "https://scontent.xx.fbcdn.net/a.jpg", "", ""});
  script_ = {MediaReply{200, "image/png", "PNG", false}};
  EXPECT_EQ(Run().stored, 1);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_TRUE(sent_[0].headers.empty());
  EXPECT_EQ(Only(c).mime_type, "image/png");
}

TEST_F(MediaFetcherTest, ATypeThatIsNotKeptIsRefused) {
  const auto announced = Receive(core::Channel::kWhatsapp, {core::Attachment::kDocument, "77",
                                                            "application/x-msdownload", ""});
  EXPECT_EQ(Run().refused, 1);
  EXPECT_EQ(Only(announced).state, core::MediaState::kRefusedType);
  EXPECT_TRUE(sent_.empty());  // refused before any request
  const auto served =
      Receive(core::Channel::kMessenger,
              {core::Attachment::kImage, "https://scontent.xx.fbcdn.net/a", "", ""});
  script_ = {MediaReply{200, "text/html", "<script>", false}};
  Run();
  EXPECT_EQ(Only(served).state, core::MediaState::kRefusedType);
}

}  // namespace
}  // namespace runtime
