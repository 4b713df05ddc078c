// The outbox sender against a real SQLite store and a scripted transport.
#include "runtime/outbox_sender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>

#include "testing/shop_store.h"

namespace runtime {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);
constexpr const char* kPhoneId = testing_support::kFixturePhoneId;
constexpr const char* kCustomer = "16505551234";
constexpr const char* kPageId = testing_support::kFixturePageId;
constexpr const char* kPsid = "7412589630147852";
constexpr const char* kInstagramId = "17841400123456789";
constexpr const char* kIgsid = "1284567890123456";

class OutboxSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing_support::ConnectFixtureAccounts(db_->channel_accounts(), ws_, "EAAGtoken");
    sender_ = std::make_unique<OutboxSender>(
        db_->outbox(), db_->channel_accounts(), media_,
        [this](const channels::OutboundRequest& r) -> base::Result<TransportReply> {
          std::lock_guard lock(transport_mutex_);
          requests_.push_back(r);
          if (replies_.empty()) return base::Error::Unavailable("no scripted reply");
          auto next = replies_.front();
          replies_.pop_front();
          return next;
        },
        clock_, OutboxSettings{.jitter_seed = 7});
  }

  // A customer message at `customer_at` and a reply by `author`, committed on `channel`.
  core::Decision Queue(core::Author author, base::TimePoint customer_at,
                       core::Channel channel = core::Channel::kWhatsapp) {
    const bool wa = channel == core::Channel::kWhatsapp;
    auto s = db_->store().OpenConversation(
        {ws_, channel, wa ? kCustomer : kPsid, wa ? kPhoneId : kPageId}, 20);
    core::Decision d;
    d.conversation = s->conversation;
    d.messages.push_back(
        {0, 0, core::Author::kCustomer, "hi", customer_at, 0, "in." + std::to_string(++inbound_)});
    d.messages.push_back(
        {0, 0, author, "Hello from the shop", clock_.Now(), s->conversation.lease.epoch});
    return db_->store().Commit(ws_, d).value();
  }

  core::Message LastMessage(core::Channel channel = core::Channel::kWhatsapp) {
    const bool wa = channel == core::Channel::kWhatsapp;
    return db_->store()
        .OpenConversation({ws_, channel, wa ? kCustomer : kPsid, wa ? kPhoneId : kPageId}, 20)
        ->history.back();
  }

  static TransportReply WhatsappOk(const std::string& wamid) {
    return {
        200,
        R"({"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],"messages":[{"id":")" +
            wamid + R"("}]})"};
  }

  testing_support::ShopStore shop_;
  store::Database* db_ = shop_.db.get();
  std::int64_t ws_ = shop_.workspace_id;
  core::MediaStore& media_ = db_->media();
  base::FakeClock clock_{kT0 + 1min};
  int inbound_ = 0;
  std::mutex transport_mutex_;
  std::deque<TransportReply> replies_;  // guarded by transport_mutex_ while sending
  std::vector<channels::OutboundRequest> requests_;
  std::unique_ptr<OutboxSender> sender_;
};

TEST_F(OutboxSenderTest, SendsThroughTheGraphApiAndRecordsTheProviderId) {
  Queue(core::Author::kAi, kT0);
  clock_.Advance(3s);  // queued 3 s before it goes out
  replies_.push_back(WhatsappOk("wamid.out1"));
  auto run = sender_->RunOnce();
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->sent, 1);
  EXPECT_EQ(run->delays, std::vector<base::Duration>{std::chrono::seconds{3}});
  ASSERT_EQ(requests_.size(), 1u);
  EXPECT_EQ(requests_[0].path, "/v25.0/106540352242922/messages");
  EXPECT_THAT(requests_[0].body, HasSubstr("Hello from the shop"));
  bool bearer = false;
  for (const auto& h : requests_[0].headers) bearer |= h.value == "Bearer EAAGtoken";
  EXPECT_TRUE(bearer);
  const core::Message m = LastMessage();
  EXPECT_EQ(m.delivery, core::DeliveryStatus::kSent);
  EXPECT_EQ(m.provider_message_id, "wamid.out1");
  ASSERT_EQ(run->changes.size(), 1u);  // for live views
  EXPECT_EQ(run->changes[0].workspace_id, ws_);
  EXPECT_EQ(run->changes[0].conversation_id, m.conversation_id);
  EXPECT_EQ(run->changes[0].message_id, m.id);
  EXPECT_EQ(run->changes[0].delivery, core::DeliveryStatus::kSent);
  EXPECT_EQ(sender_->RunOnce()->sent, 0);  // once
}

TEST_F(OutboxSenderTest, AServerErrorIsRetriedAfterABackoffThenSentOnce) {
  Queue(core::Author::kAi, kT0);
  replies_.push_back({500, R"({"error":{"message":"Something went wrong","code":131000}})"});
  replies_.push_back(WhatsappOk("wamid.out2"));
  EXPECT_EQ(sender_->RunOnce()->retried, 1);
  EXPECT_EQ(sender_->RunOnce()->sent, 0);  // not due yet
  clock_.Advance(2s);
  EXPECT_EQ(sender_->RunOnce()->sent, 1);
  EXPECT_EQ(requests_.size(), 2u);
  EXPECT_EQ(LastMessage().delivery, core::DeliveryStatus::kSent);
}

TEST_F(OutboxSenderTest, RateLimitsBackOffLongerEachTime) {
  Queue(core::Author::kAi, kT0);
  EXPECT_GE(sender_->Backoff(0, 0ms), 500ms);
  EXPECT_LE(sender_->Backoff(0, 0ms), 1s);
  EXPECT_GE(sender_->Backoff(3, 0ms), 4s);
  EXPECT_LE(sender_->Backoff(30, 0ms), 5min);
  EXPECT_GE(sender_->Backoff(0, 6s), 6s);
  replies_.push_back({429, R"({"error":{"message":"(#130429) Rate limit hit","code":130429}})"});
  EXPECT_EQ(sender_->RunOnce()->retried, 1);
  clock_.Advance(400ms);
  EXPECT_EQ(sender_->RunOnce()->sent + sender_->RunOnce()->retried, 0);
}

TEST_F(OutboxSenderTest, AnAiReplyIsDroppedWhenAPersonTookOverMeanwhile) {
  const core::Decision queued = Queue(core::Author::kAi, kT0);
  core::Decision takeover;
  takeover.conversation = queued.conversation;
  takeover.conversation.lease = {core::Mode::kManual, kT0 + 16min,
                                 queued.conversation.lease.epoch + 1};
  ASSERT_TRUE(db_->store().Commit(ws_, takeover).ok());
  auto run = sender_->RunOnce();
  EXPECT_EQ(run->dropped, 1);
  ASSERT_EQ(run->changes.size(), 1u);
  EXPECT_EQ(run->changes[0].delivery, core::DeliveryStatus::kDropped);
  EXPECT_EQ(run->changes[0].error, "a person took over before it was sent");
  EXPECT_TRUE(requests_.empty());
  EXPECT_EQ(LastMessage().delivery, core::DeliveryStatus::kDropped);
}

TEST_F(OutboxSenderTest, TheHandoffMessageGoesOutAlthoughTheConversationIsManual) {
  const core::Decision queued = Queue(core::Author::kAi, kT0);
  // The handoff: Manual, and the AI's message decided under the new epoch.
  core::Decision handoff;
  handoff.conversation = queued.conversation;
  handoff.conversation.lease = {core::Mode::kManual, kT0 + 16min,
                                queued.conversation.lease.epoch + 1};
  handoff.messages.push_back({0, 0, core::Author::kAi, "A person will help you", clock_.Now(),
                              handoff.conversation.lease.epoch});
  ASSERT_TRUE(db_->store().Commit(ws_, handoff).ok());
  replies_.push_back(WhatsappOk("wamid.handoff"));
  // In order: the reply decided before the handoff first, then the handoff message.
  EXPECT_EQ(sender_->RunOnce()->dropped, 1);
  EXPECT_EQ(sender_->RunOnce()->sent, 1);
  ASSERT_EQ(requests_.size(), 1u);
  EXPECT_THAT(requests_[0].body, HasSubstr("A person will help you"));
}

TEST_F(OutboxSenderTest, NothingFreeFormGoesOutAfterTheWindow) {
  clock_.Set(kT0 + 25h);
  Queue(core::Author::kAi, kT0);
  EXPECT_EQ(sender_->RunOnce()->failed, 1);
  EXPECT_TRUE(requests_.empty());
  EXPECT_THAT(LastMessage().delivery_error, HasSubstr("window"));
}

TEST_F(OutboxSenderTest, APersonOnMessengerAfter24HoursUsesTheHumanAgentTag) {
  clock_.Set(kT0 + 30h);
  Queue(core::Author::kHumanCrm, kT0, core::Channel::kMessenger);
  replies_.push_back({200, R"({"recipient_id":"7412589630147852","message_id":"m_out"})"});
  EXPECT_EQ(sender_->RunOnce()->sent, 1);
  ASSERT_EQ(requests_.size(), 1u);
  EXPECT_THAT(requests_[0].body, HasSubstr("HUMAN_AGENT"));
}

TEST_F(OutboxSenderTest, TheAiNeverUsesTheHumanAgentTag) {
  clock_.Set(kT0 + 30h);
  Queue(core::Author::kAi, kT0, core::Channel::kMessenger);
  EXPECT_EQ(sender_->RunOnce()->failed, 1);
  EXPECT_TRUE(requests_.empty());
}

TEST_F(OutboxSenderTest, AnInvalidTokenAsksForReconnection) {
  Queue(core::Author::kAi, kT0);
  replies_.push_back(
      {401,
       R"({"error":{"message":"Error validating access token","type":"OAuthException","code":190}})"});
  EXPECT_EQ(sender_->RunOnce()->failed, 1);
  EXPECT_EQ(db_->channel_accounts().FindChannelAccount(core::Channel::kWhatsapp, kPhoneId)->status,
            core::ChannelStatus::kReconnectionNeeded);
  Queue(core::Author::kAi, kT0);
  EXPECT_EQ(sender_->RunOnce()->failed, 1);
  EXPECT_EQ(requests_.size(), 1u);  // the second never reached the provider
}

TEST_F(OutboxSenderTest, TheTokenIsNeverKeptInTheErrorWhenTheProviderEchoesIt) {
  Queue(core::Author::kAi, kT0);
  replies_.push_back({401, R"({"error":{"message":"Cannot parse access token EAAGtoken",)"
                           R"("type":"OAuthException","code":190}})"});
  const auto run = sender_->RunOnce();
  ASSERT_EQ(run->failed, 1);
  const core::Message m = LastMessage();
  EXPECT_EQ(m.delivery_error,
            "the channel needs reconnection: Cannot parse access token [redacted]");
  EXPECT_EQ(run->changes.at(0).error, m.delivery_error);
}

TEST_F(OutboxSenderTest, APermanentErrorKeepsTheProvidersCodeAndText) {
  Queue(core::Author::kAi, kT0);
  replies_.push_back(
      {400, R"({"error":{"message":"(#131026) Message undeliverable","code":131026}})"});
  EXPECT_EQ(sender_->RunOnce()->failed, 1);
  const core::Message m = LastMessage();
  EXPECT_EQ(m.delivery, core::DeliveryStatus::kFailed);
  EXPECT_THAT(m.delivery_error, HasSubstr("131026"));
}

TEST_F(OutboxSenderTest, NoAnswerIsRetriedUntilTheLastAttempt) {
  Queue(core::Author::kAi, kT0);
  int retried = 0;
  int failed = 0;
  for (int i = 0; i < 20 && failed == 0; ++i) {
    auto run = sender_->RunOnce();
    retried += run->retried;
    failed += run->failed;
    clock_.Advance(10min);
  }
  EXPECT_EQ(retried, OutboxSettings{}.max_attempts - 1);
  EXPECT_EQ(failed, 1);
  EXPECT_THAT(LastMessage().delivery_error, HasSubstr("gave up after 8 attempts"));
}

TEST_F(OutboxSenderTest, AConversationsMessagesLeaveInOrderEvenWhenTheFirstIsRetried) {
  Queue(core::Author::kAi, kT0);  // "Hello from the shop"
  core::Decision second = Queue(core::Author::kAi, kT0);
  replies_.push_back({503, R"({"error":{"message":"Service unavailable","code":2}})"});
  EXPECT_EQ(sender_->RunOnce()->retried, 1);
  // The second message of the conversation waits for the first.
  EXPECT_EQ(sender_->RunOnce()->sent, 0);
  EXPECT_EQ(requests_.size(), 1u);
  clock_.Advance(10min);
  replies_.push_back(WhatsappOk("wamid.first"));
  replies_.push_back(WhatsappOk("wamid.second"));
  EXPECT_EQ(sender_->RunOnce()->sent, 1);
  EXPECT_EQ(sender_->RunOnce()->sent, 1);
  ASSERT_EQ(requests_.size(), 3u);
  EXPECT_EQ(LastMessage().provider_message_id, "wamid.second");
}

TEST_F(OutboxSenderTest, DifferentConversationsAreSentAtTheSameTime) {
  Queue(core::Author::kAi, kT0);
  Queue(core::Author::kAi, kT0, core::Channel::kMessenger);
  // Each request waits until both are in flight: one at a time would never get there.
  std::mutex mutex;
  std::condition_variable both;
  int in_flight = 0;
  auto sender = std::make_unique<OutboxSender>(
      db_->outbox(), db_->channel_accounts(), media_,
      [&](const channels::OutboundRequest& r) -> base::Result<TransportReply> {
        std::unique_lock lock(mutex);
        ++in_flight;
        both.notify_all();
        if (!both.wait_for(lock, 10s, [&] { return in_flight == 2; })) {
          return base::Error::Unavailable("alone");
        }
        if (r.path.find("/me/") == std::string::npos) return WhatsappOk("wamid.1");
        return TransportReply{200, R"({"recipient_id":"7412589630147852","message_id":"m_1"})"};
      },
      clock_, OutboxSettings{.parallel = 2});
  EXPECT_EQ(sender->RunOnce()->sent, 2);
}

// A person's reply "Hello from the shop" with a PNG attached.
class FileReplyTest : public OutboxSenderTest {
 protected:
  void Attach(core::Channel channel = core::Channel::kWhatsapp) {
    const core::Decision d = Queue(core::Author::kHumanCrm, kT0, channel);
    const core::Message& reply = d.messages.back();
    auto sha = media_.KeepFile(kFile);
    ASSERT_TRUE(sha.ok());
    ASSERT_TRUE(media_
                    .AttachFile(ws_, reply.id, {core::Attachment::kImage, "", "image/png", ""},
                                *sha, static_cast<std::int64_t>(kFile.size()))
                    .ok());
  }

  const std::string kFile = std::string("\x89PNG\r\n", 6) + "pixels";
};

TEST_F(FileReplyTest, OnWhatsappTheFileIsUploadedThenSentByIdThenTheText) {
  Attach();
  replies_ = {{200, R"({"id":"5550001"})"}, WhatsappOk("wamid.file"), WhatsappOk("wamid.text")};
  auto run = sender_->RunOnce();
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->sent, 1);
  ASSERT_EQ(requests_.size(), 3u);
  EXPECT_EQ(requests_[0].path, "/v25.0/106540352242922/media");
  EXPECT_THAT(requests_[0].body, HasSubstr(kFile));
  EXPECT_THAT(requests_[0].body, HasSubstr("name=\"messaging_product\"\r\n\r\nwhatsapp"));
  EXPECT_EQ(requests_[1].path, "/v25.0/106540352242922/messages");
  EXPECT_THAT(requests_[1].body, HasSubstr(R"("type":"image","image":{"id":"5550001"})"));
  EXPECT_THAT(requests_[2].body, HasSubstr("Hello from the shop"));
  EXPECT_EQ(LastMessage().provider_message_id, "wamid.file");
  EXPECT_EQ(sender_->RunOnce()->sent, 0);  // once
  EXPECT_EQ(requests_.size(), 3u);
}

TEST_F(FileReplyTest, AFailedUploadIsRetriedAndNothingWentOut) {
  Attach();
  replies_ = {{503, R"({"error":{"message":"try later","code":1}})"}};
  auto run = sender_->RunOnce();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->retried, 1);
  EXPECT_EQ(requests_.size(), 1u);
  clock_.Advance(1h);
  replies_ = {{200, R"({"id":"5550002"})"}, WhatsappOk("wamid.file"), WhatsappOk("wamid.text")};
  EXPECT_EQ(sender_->RunOnce()->sent, 1);
  EXPECT_EQ(requests_.size(), 4u);
}

TEST_F(FileReplyTest, OnMessengerTheFileGoesWithItsMessage) {
  Attach(core::Channel::kMessenger);
  replies_ = {{200, R"({"recipient_id":"7412589630147852","message_id":"m_file"})"},
              {200, R"({"recipient_id":"7412589630147852","message_id":"m_text"})"}};
  ASSERT_EQ(sender_->RunOnce()->sent, 1);
  ASSERT_EQ(requests_.size(), 2u);
  EXPECT_EQ(requests_[0].path, "/v25.0/me/messages");
  EXPECT_THAT(requests_[0].body, HasSubstr("name=\"filedata\"; filename=\"file\""));
  EXPECT_THAT(requests_[0].body, HasSubstr(kFile));
  EXPECT_THAT(requests_[0].body, HasSubstr(R"({"attachment":{"type":"image")"));
  EXPECT_THAT(requests_[1].body, HasSubstr("Hello from the shop"));
}

TEST_F(FileReplyTest, OnInstagramTheFileIsUploadedThenSentByItsAttachmentId) {
  core::ChannelAccount instagram;
  instagram.workspace_id = ws_;
  instagram.channel = core::Channel::kInstagram;
  instagram.account_id = kInstagramId;
  instagram.access_token = "EAAGtoken";
  ASSERT_TRUE(db_->channel_accounts().SaveChannelAccount(instagram).ok());
  auto s =
      db_->store().OpenConversation({ws_, core::Channel::kInstagram, kIgsid, kInstagramId}, 20);
  core::Decision d;
  d.conversation = s->conversation;
  d.messages = {{0, 0, core::Author::kCustomer, "hi", kT0, 0, "in.ig"},
                {0, 0, core::Author::kHumanCrm, "", clock_.Now(), s->conversation.lease.epoch}};
  const core::Message reply = db_->store().Commit(ws_, d)->messages.back();
  auto sha = media_.KeepFile(kFile);
  ASSERT_TRUE(sha.ok());
  ASSERT_TRUE(media_
                  .AttachFile(ws_, reply.id, {core::Attachment::kImage, "", "image/png", ""}, *sha,
                              static_cast<std::int64_t>(kFile.size()))
                  .ok());
  replies_ = {{200, R"({"attachment_id":"1857777774821032"})"},
              {200, R"({"recipient_id":"1284567890123456","message_id":"aWdf_file"})"}};
  auto run = sender_->RunOnce();
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->sent, 1);
  ASSERT_EQ(requests_.size(), 2u);  // a file without words: no text after it
  EXPECT_EQ(requests_[0].path, "/v25.0/me/message_attachments");
  EXPECT_THAT(requests_[0].body, HasSubstr(kFile));
  EXPECT_EQ(requests_[1].path, "/v25.0/me/messages");
  EXPECT_THAT(requests_[1].body, HasSubstr(R"("attachment_id":"1857777774821032")"));
  EXPECT_THAT(requests_[1].body, HasSubstr(R"("recipient":{"id":"1284567890123456"})"));
}

}  // namespace
}  // namespace runtime
