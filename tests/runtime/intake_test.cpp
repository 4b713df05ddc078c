// Intake on a real SQLite store with Meta's payloads from tests/data.
#include "runtime/intake.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "brain/registry.h"
#include "store/database.h"
#include "testing/fixture.h"
#include "testing/shop_store.h"

namespace runtime {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPhoneId = testing_support::kFixturePhoneId;
constexpr const char* kCustomer = "16505551234";
constexpr const char* kPageId = testing_support::kFixturePageId;
constexpr const char* kPsid = "7412589630147852";
constexpr const char* kOurAppId = "1517776481860111";
const base::TimePoint kCustomerWrote = base::FromMillis(1'767'261'600'000);  // 10:00:00Z

// Answers everything with "ok".
class OkBrain final : public core::Brain {
 public:
  base::Result<core::Proposal> Propose(const core::BrainInput&) const override {
    core::Proposal p;
    p.asked = p.answered = true;
    p.reply = "ok";
    return p;
  }
};

class IntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::AgentConfig config;
    config.greeting = "Hello!";
    config.workflow = core::WorkflowKind::kHandoffToHuman;
    config.debounce = 0s;
    ASSERT_TRUE(db_->store().Publish(ws_, *db_->store().SaveDraft(ws_, config)).ok());
    testing_support::ConnectFixtureAccounts(db_->channel_accounts(), ws_, "", kOurAppId);
    engine_ = std::make_unique<Engine>(
        db_->store(),
        [](const core::AgentConfig&,
           const core::Catalog&) -> base::Result<std::unique_ptr<core::Brain>> {
          return std::unique_ptr<core::Brain>(std::make_unique<OkBrain>());
        },
        clock_);
    intake_ = std::make_unique<Intake>(*callbacks_, db_->outbox(), db_->channel_accounts(), media_,
                                       *engine_, clock_);
  }

  // Stores the delivery, takes it in, and answers the replies it made due (the reply pool's part).
  IntakeRun Deliver(core::Channel channel, const std::string& fixture) {
    EXPECT_TRUE(
        callbacks_->AppendCallback(channel, testing_support::ReadFixture(fixture), clock_.Now())
            .ok());
    auto run = intake_->ProcessPending();
    EXPECT_TRUE(run.ok()) << run.error().message;
    EXPECT_TRUE(engine_->ReplyDue().ok());
    return run.ok() ? *run : IntakeRun{};
  }

  core::ConversationSnapshot Conversation(core::Channel channel = core::Channel::kWhatsapp) {
    const bool wa = channel == core::Channel::kWhatsapp;
    return db_->store()
        .OpenConversation({ws_, channel, wa ? kCustomer : kPsid, wa ? kPhoneId : kPageId}, 50)
        .value();
  }

  testing_support::ShopStore shop_;
  store::Database* db_ = shop_.db.get();
  std::int64_t ws_ = shop_.workspace_id;
  core::MediaStore& media_ = db_->media();
  core::CallbackQueue* callbacks_ = &db_->callbacks();
  base::FakeClock clock_{kCustomerWrote + 10s};
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Intake> intake_;
};

TEST_F(IntakeTest, ACustomerMessageIsAnsweredAndItsReplyQueued) {
  const IntakeRun run = Deliver(core::Channel::kWhatsapp, "whatsapp/in_text.json");
  EXPECT_EQ(run.callbacks, 1);
  EXPECT_EQ(run.delays, std::vector<base::Duration>{base::Duration::zero()});  // the fake clock
  const auto history = Conversation().history;
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].author, core::Author::kCustomer);
  EXPECT_EQ(history[0].at, kCustomerWrote);
  EXPECT_EQ(history[1].author, core::Author::kAi);
  EXPECT_EQ(history[1].delivery, core::DeliveryStatus::kQueued);
  auto queued = db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min);
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ((*queued)[0].recipient, kCustomer);
  EXPECT_TRUE(callbacks_->ClaimCallbacks(clock_.Now() + 1h, 10, base::TimePoint{})->empty());
  EXPECT_EQ(Conversation().contact.display_name, "Sheena Nelson");  // the WhatsApp profile
}

// OkBrain's answer, computed in this process at once (as the local brain's).
class AtOnceBrain final : public core::Brain {
 public:
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override {
    return OkBrain().Propose(input);
  }
  bool AnswersAtOnce() const override { return true; }
};

BrainFactory AtOnceBrains() {
  return [](const core::AgentConfig&,
            const core::Catalog&) -> base::Result<std::unique_ptr<core::Brain>> {
    return std::unique_ptr<core::Brain>(std::make_unique<AtOnceBrain>());
  };
}

TEST_F(IntakeTest, ABrainThatAnswersAtOnceIsAnsweredInTheIntakesTransaction) {
  Engine engine(db_->store(), AtOnceBrains(), clock_);
  Intake intake(*callbacks_, db_->outbox(), db_->channel_accounts(), media_, engine, clock_);
  Conversation();  // the conversation exists (its first message is answered on the pool)
  ASSERT_TRUE(callbacks_
                  ->AppendCallback(core::Channel::kWhatsapp,
                                   testing_support::ReadFixture("whatsapp/in_text.json"),
                                   clock_.Now())
                  .ok());
  ASSERT_TRUE(intake.ProcessPending().ok());
  // No reply pool ran: the reply was stored with its message.
  const auto history = Conversation().history;
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].author, core::Author::kAi);
  EXPECT_TRUE(db_->store().DueTimers(core::TimerKind::kReply, clock_.Now(), 10)->empty());
  EXPECT_EQ(db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min)->size(), 1u);
}

TEST_F(IntakeTest, ABurstInOneChunkIsLeftToThePoolAndAnsweredOnce) {
  Engine engine(db_->store(), AtOnceBrains(), clock_);
  Intake intake(*callbacks_, db_->outbox(), db_->channel_accounts(), media_, engine, clock_);
  Conversation();
  for (const char* fixture : {"whatsapp/in_text.json", "whatsapp/in_button_reply.json"}) {
    ASSERT_TRUE(callbacks_
                    ->AppendCallback(core::Channel::kWhatsapp,
                                     testing_support::ReadFixture(fixture), clock_.Now())
                    .ok());
  }
  ASSERT_TRUE(intake.ProcessPending().ok());
  EXPECT_EQ(Conversation().history.size(), 2u);  // both stored, neither answered alone
  ASSERT_TRUE(engine.ReplyDue().ok());
  const auto history = Conversation().history;
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].author, core::Author::kAi);  // one answer for both
}

TEST_F(IntakeTest, AThreadAnotherAppOwnsIsNotAnswered) {
  const IntakeRun run = Deliver(core::Channel::kMessenger, "messenger/standby.json");
  EXPECT_EQ(run.callbacks, 1);
  EXPECT_TRUE(Conversation(core::Channel::kMessenger).history.empty());
  EXPECT_TRUE(db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min)->empty());
  EXPECT_TRUE(callbacks_->ClaimCallbacks(clock_.Now() + 1h, 10, base::TimePoint{})
                  ->empty());  // done with, not parked
}

TEST_F(IntakeTest, APersonsReplyInTheAppThatOwnsTheThreadStillPausesTheAi) {
  Deliver(core::Channel::kMessenger, "messenger/in_text.json");
  Deliver(core::Channel::kMessenger, "messenger/standby_echo_page_inbox.json");
  EXPECT_EQ(Conversation(core::Channel::kMessenger).conversation.lease.mode, core::Mode::kManual);
}

TEST_F(IntakeTest, TakingAMessageInStoresItAndOwesItAReplyWithoutAskingTheBrain) {
  ASSERT_TRUE(callbacks_
                  ->AppendCallback(core::Channel::kWhatsapp,
                                   testing_support::ReadFixture("whatsapp/in_text.json"),
                                   clock_.Now())
                  .ok());
  ASSERT_TRUE(intake_->ProcessPending().ok());
  const auto history = Conversation().history;
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].author, core::Author::kCustomer);
  const auto owed = db_->store().DueTimers(core::TimerKind::kReply, clock_.Now(), 10);
  ASSERT_EQ(owed->size(), 1u);
  EXPECT_EQ((*owed)[0].conversation_id, Conversation().conversation.id);
}

TEST_F(IntakeTest, ADuplicateDeliveryIsAnsweredOnce) {
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_text.json");
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_text.json");
  EXPECT_EQ(Conversation().history.size(), 2u);
  EXPECT_EQ(db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min)->size(), 1u);
}

// The queue is told what became of the callbacks after their transaction committed; a crash in
// between (here: the removal fails) leaves them to be handled again, and nothing is applied twice.
class ForgetfulQueue final : public core::CallbackQueue {
 public:
  explicit ForgetfulQueue(core::CallbackQueue& queue) : callbacks_(queue) {}
  base::Result<std::int64_t> AppendCallback(core::Channel channel, std::string_view body,
                                            base::TimePoint at) override {
    return callbacks_.AppendCallback(channel, body, at);
  }
  base::Result<std::vector<core::Callback>> ClaimCallbacks(base::TimePoint now, std::size_t limit,
                                                           base::TimePoint lease_until) override {
    return callbacks_.ClaimCallbacks(now, limit, lease_until);
  }
  base::Status FinishCallbacks(std::span<const std::int64_t> ids) override {
    if (failures_left_-- > 0) return base::Error::Unavailable("the process died");
    return callbacks_.FinishCallbacks(ids);
  }
  base::Status ReleaseCallbacks(std::span<const std::int64_t> ids) override {
    released.insert(released.end(), ids.begin(), ids.end());
    return callbacks_.ReleaseCallbacks(ids);
  }
  base::Status RetryCallback(std::int64_t id, base::TimePoint at) override {
    return callbacks_.RetryCallback(id, at);
  }
  base::Status ParkCallback(std::int64_t id, const std::string& reason) override {
    return callbacks_.ParkCallback(id, reason);
  }
  base::Result<core::CallbackDepth> MeasureCallbacks(base::TimePoint now) override {
    return callbacks_.MeasureCallbacks(now);
  }

  std::vector<std::int64_t> released;  // what the intake gave back

 private:
  core::CallbackQueue& callbacks_;
  int failures_left_ = 1;
};

TEST_F(IntakeTest, DeliveriesNotRemovedAfterTheirCommitAreHandledAgainOnce) {
  ForgetfulQueue forgetful(*callbacks_);
  Intake intake(forgetful, db_->outbox(), db_->channel_accounts(), media_, *engine_, clock_);
  for (const char* fixture : {"whatsapp/in_text.json", "whatsapp/in_reaction.json"}) {
    ASSERT_TRUE(callbacks_
                    ->AppendCallback(core::Channel::kWhatsapp,
                                     testing_support::ReadFixture(fixture), clock_.Now())
                    .ok());
  }
  EXPECT_FALSE(intake.ProcessPending().ok());  // committed, then the removal failed
  // The failed pass gave its callbacks back: on a shared queue, another instance need not wait
  // for the lease to end.
  EXPECT_EQ(forgetful.released.size(), 2u);
  ASSERT_TRUE(engine_->ReplyDue().ok());
  EXPECT_EQ(callbacks_->ClaimCallbacks(clock_.Now(), 10, base::TimePoint{})->size(), 2u);

  auto again = intake.ProcessPending();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->callbacks, 2);
  ASSERT_TRUE(engine_->ReplyDue().ok());
  EXPECT_TRUE(callbacks_->ClaimCallbacks(clock_.Now() + 1h, 10, base::TimePoint{})->empty());
  const auto history = Conversation().history;
  std::multiset<core::Author> authors;
  for (const core::Message& m : history) authors.insert(m.author);
  // The message, the reaction, the message's one reply.
  EXPECT_EQ(authors,
            (std::multiset{core::Author::kCustomer, core::Author::kSystem, core::Author::kAi}));
  EXPECT_EQ(db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min)->size(), 1u);
}

TEST_F(IntakeTest, AnUnknownAccountIsParkedForInspection) {
  ASSERT_TRUE(
      callbacks_
          ->AppendCallback(
              core::Channel::kWhatsapp,
              std::string(testing_support::ReadFixture("whatsapp/in_text.json"))
                  .replace(testing_support::ReadFixture("whatsapp/in_text.json").find(kPhoneId), 15,
                           "999999999999999"),
              clock_.Now())
          .ok());
  auto run = intake_->ProcessPending();
  EXPECT_EQ(run->parked, 1);
  ASSERT_EQ(run->notes.size(), 1u);
  EXPECT_THAT(run->notes[0],
              ::testing::HasSubstr("no workspace has the whatsapp account 999999999999999"));
  EXPECT_TRUE(callbacks_->ClaimCallbacks(clock_.Now() + 1h, 10, base::TimePoint{})->empty());
  EXPECT_EQ(callbacks_->MeasureCallbacks(clock_.Now())->parked, 1);
}

TEST_F(IntakeTest, TheOwnersWhatsappEchoPausesFromItsOwnTimestamp) {
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_text.json");
  clock_.Set(base::FromMillis(1'767'261'910'000));  // 10 s after the echo's 10:05:00
  Deliver(core::Channel::kWhatsapp, "whatsapp/smb_echo_text.json");
  const auto c = Conversation();
  EXPECT_EQ(c.conversation.lease.mode, core::Mode::kManual);
  EXPECT_EQ(c.conversation.lease.resume_at, base::FromMillis(1'767'261'900'000) + 15min);
  EXPECT_EQ(c.history.back().author, core::Author::kHumanApp);
}

TEST_F(IntakeTest, OurOwnMessengerEchoDoesNotPause) {
  Deliver(core::Channel::kMessenger, "messenger/in_text.json");
  Deliver(core::Channel::kMessenger, "messenger/echo_ours.json");
  EXPECT_EQ(Conversation(core::Channel::kMessenger).conversation.lease.mode, core::Mode::kAi);
  Deliver(core::Channel::kMessenger, "messenger/echo_page_inbox.json");
  EXPECT_EQ(Conversation(core::Channel::kMessenger).conversation.lease.mode, core::Mode::kManual);
}

TEST_F(IntakeTest, AReceiptMovesOurMessagesDeliveryEvenWhenItOvertakesTheSend) {
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_text.json");
  // The receipt arrives before our send recorded its wamid: it waits.
  const IntakeRun early = Deliver(core::Channel::kWhatsapp, "whatsapp/status_delivered.json");
  EXPECT_EQ(early.retried, 1);
  auto queued = db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min);
  ASSERT_TRUE(
      db_->outbox()
          .MarkSent({{(*queued)[0].id, "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIyRjBEOEE2QzQxQjNFOTU3N0EA",
                      clock_.Now()}})
          .ok());
  clock_.Advance(3s);
  auto run = intake_->ProcessPending();
  EXPECT_EQ(run->callbacks, 1);
  const core::Message sent = Conversation().history.back();
  EXPECT_EQ(sent.delivery, core::DeliveryStatus::kDelivered);
  ASSERT_EQ(run->changes.size(), 1u);  // for live views
  EXPECT_EQ(run->changes[0].workspace_id, ws_);
  EXPECT_EQ(run->changes[0].conversation_id, sent.conversation_id);
  EXPECT_EQ(run->changes[0].message_id, sent.id);
  EXPECT_EQ(run->changes[0].delivery, core::DeliveryStatus::kDelivered);
}

TEST_F(IntakeTest, AMessengerReadWatermarkMarksOurMessagesSentUpToItRead) {
  // messenger/read.json: no mids, watermark 10:00:12.101Z.
  Deliver(core::Channel::kMessenger, "messenger/in_text.json");
  auto first = db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min);
  ASSERT_EQ(first->size(), 1u);
  ASSERT_TRUE(
      db_->outbox().MarkSent({{(*first)[0].id, "m_first", clock_.Now()}}).ok());  // 10:00:10
  const core::ConversationKey key{ws_, core::Channel::kMessenger, kPsid, kPageId};
  clock_.Advance(3s);
  ASSERT_TRUE(engine_->Handle(key, core::CustomerMessage{"and tomorrow?", clock_.Now()}).ok());
  ASSERT_TRUE(engine_->ReplyDue().ok());
  auto second = db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min);
  ASSERT_EQ(second->size(), 1u);
  ASSERT_TRUE(
      db_->outbox().MarkSent({{(*second)[0].id, "m_second", clock_.Now()}}).ok());  // 10:00:13

  const IntakeRun run = Deliver(core::Channel::kMessenger, "messenger/read.json");
  EXPECT_EQ(run.callbacks, 1);
  EXPECT_EQ(run.retried, 0);
  const auto history = Conversation(core::Channel::kMessenger).history;
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[1].delivery, core::DeliveryStatus::kRead);
  EXPECT_EQ(history[3].delivery, core::DeliveryStatus::kSent);  // sent after the watermark
  ASSERT_EQ(run.changes.size(), 1u);
  EXPECT_EQ(run.changes[0].message_id, history[1].id);
  EXPECT_EQ(run.changes[0].delivery, core::DeliveryStatus::kRead);
}

TEST_F(IntakeTest, AWatermarkWaitsForASendInFlightToThatCustomer) {
  Deliver(core::Channel::kMessenger, "messenger/in_text.json");
  auto queued = db_->outbox().ClaimOutbox(clock_.Now(), 10, clock_.Now() + 1min);
  ASSERT_EQ(queued->size(), 1u);
  // The read receipt arrives while our send is out, before it is recorded: it waits.
  const IntakeRun early = Deliver(core::Channel::kMessenger, "messenger/read.json");
  EXPECT_EQ(early.retried, 1);
  ASSERT_TRUE(db_->outbox().MarkSent({{(*queued)[0].id, "m_first", clock_.Now()}}).ok());
  clock_.Advance(3s);
  auto run = intake_->ProcessPending();
  EXPECT_EQ(run->callbacks, 1);
  EXPECT_EQ(Conversation(core::Channel::kMessenger).history.back().delivery,
            core::DeliveryStatus::kRead);
}

TEST_F(IntakeTest, WhatTheCustomerSentInsteadOfWordsIsNamedOnTheirMessage) {
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_image.json");  // with a caption: words
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_audio_voice.json");
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_location.json");
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_sticker.json");
  std::vector<std::pair<core::Attachment, std::string>> sent;
  for (const core::Message& m : Conversation().history) {
    if (m.author == core::Author::kCustomer) sent.emplace_back(m.attachment, m.text);
  }
  EXPECT_THAT(sent, ::testing::ElementsAre(
                        std::pair{core::Attachment::kNone, std::string("This one, in blue")},
                        std::pair{core::Attachment::kAudio, std::string("[voice message]")},
                        std::pair{core::Attachment::kLocation,
                                  std::string("[location: 37.46, -122.22 Meta HQ, 1 Hacker Way, "
                                              "Menlo Park, CA 94025]")},
                        std::pair{core::Attachment::kSticker, std::string("[sticker]")}));
}

TEST_F(IntakeTest, AMessengerImageGetsTheLocalBrainsHonestReply) {
  Engine engine(
      db_->store(),
      [](const core::AgentConfig& config, const core::Catalog& catalog) {
        return brain::MakeBrain("local", config, catalog);
      },
      clock_);
  Intake intake(*callbacks_, db_->outbox(), db_->channel_accounts(), media_, engine, clock_);
  ASSERT_TRUE(callbacks_
                  ->AppendCallback(core::Channel::kMessenger,
                                   testing_support::ReadFixture("messenger/in_image.json"),
                                   clock_.Now())
                  .ok());
  ASSERT_TRUE(intake.ProcessPending().ok());
  ASSERT_TRUE(engine.ReplyDue().ok());
  const auto c = Conversation(core::Channel::kMessenger);
  ASSERT_EQ(c.history.size(), 2u);
  EXPECT_EQ(c.history[0].text, "[image]");  // the timeline shows the summary
  EXPECT_EQ(c.history[0].attachment, core::Attachment::kImage);
  EXPECT_EQ(c.history[1].text,
            "Hello!\n\nI can't open images here. Could you tell me in words what you need?");
  EXPECT_EQ(c.conversation.unanswered_streak, 0);
  EXPECT_EQ(c.conversation.lease.mode, core::Mode::kAi);
}

TEST_F(IntakeTest, AReactionIsShownButNotAnswered) {
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_text.json");
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_reaction.json");
  const auto history = Conversation().history;
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history.back().author, core::Author::kSystem);
  EXPECT_THAT(history.back().text, ::testing::HasSubstr("reacted"));
}

TEST_F(IntakeTest, APayloadThatIsNotAWebhookIsKeptAndSkipped) {
  ASSERT_TRUE(callbacks_->AppendCallback(core::Channel::kWhatsapp, "not json", clock_.Now()).ok());
  auto run = intake_->ProcessPending();
  EXPECT_EQ(run->rejected, 1);
  EXPECT_TRUE(callbacks_->ClaimCallbacks(clock_.Now() + 1h, 10, base::TimePoint{})->empty());
}

}  // namespace
}  // namespace runtime

namespace runtime {
namespace {

TEST_F(IntakeTest, ACustomersPhotoIsRecordedForDownloadEvenWithACaption) {
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_image.json");
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_image.json");  // a second delivery
  const auto snapshot = Conversation();
  auto media = media_.ListMedia(ws_, snapshot.conversation.id);
  ASSERT_TRUE(media.ok());
  ASSERT_EQ(media->size(), 1u);
  EXPECT_EQ((*media)[0].source, "1908647269898587");
  EXPECT_EQ((*media)[0].kind, core::Attachment::kImage);
  EXPECT_EQ((*media)[0].mime_type, "image/jpeg");
  EXPECT_EQ((*media)[0].state, core::MediaState::kPending);
  EXPECT_EQ((*media)[0].message_id, snapshot.history[0].id);
  EXPECT_EQ(snapshot.history[0].attachment, core::Attachment::kNone);  // the caption is read
}

TEST_F(IntakeTest, ADocumentKeepsItsFileName) {
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_document.json");
  auto media = media_.ListMedia(ws_, Conversation().conversation.id);
  ASSERT_EQ(media->size(), 1u);
  EXPECT_EQ((*media)[0].file_name, "invoice-1042.pdf");
  EXPECT_EQ((*media)[0].kind, core::Attachment::kDocument);
}

TEST_F(IntakeTest, AMessengerImageIsRecordedByItsUrl) {
  Deliver(core::Channel::kMessenger, "messenger/in_image.json");
  auto media = media_.ListMedia(ws_, Conversation(core::Channel::kMessenger).conversation.id);
  ASSERT_EQ(media->size(), 1u);
  EXPECT_EQ((*media)[0].source, "https://scontent.xx.fbcdn.net/v/t1.15752-9/fixture_image.jpg");
}

TEST_F(IntakeTest, EveryPhotoOfAMessengerMessageIsRecorded) {
  Deliver(core::Channel::kMessenger, "messenger/in_images.json");
  Deliver(core::Channel::kMessenger, "messenger/in_images.json");  // a second delivery
  const auto snapshot = Conversation(core::Channel::kMessenger);
  auto media = media_.ListMedia(ws_, snapshot.conversation.id);
  ASSERT_TRUE(media.ok());
  ASSERT_EQ(media->size(), 3u);
  std::vector<std::string> sources;
  for (const core::Media& m : *media) {
    EXPECT_EQ(m.message_id, snapshot.history[0].id);
    EXPECT_EQ(m.kind, core::Attachment::kImage);
    sources.push_back(m.source.substr(m.source.rfind('/') + 1));
  }
  EXPECT_EQ(sources,
            (std::vector<std::string>{"bike_front.jpg", "bike_back.jpg", "bike_chain.jpg"}));
}

TEST_F(IntakeTest, ATextRecordsNoMedia) {
  Deliver(core::Channel::kWhatsapp, "whatsapp/in_text.json");
  EXPECT_TRUE(media_.ListMedia(ws_, Conversation().conversation.id)->empty());
}

}  // namespace
}  // namespace runtime
