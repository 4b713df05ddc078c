// handoff_to_human, the greeting, the control lease and the debounce, through Decide.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflow/harness.h"

namespace workflow::testing {
namespace {

using namespace std::chrono_literals;
using core::Mode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(GreetingTest, FirstReplyStartsWithTheGreetingAndAnswersTheQuestion) {
  Harness h(HandoffConfig());
  h.Customer("what is the price of the lamp?");
  EXPECT_THAT(h.AiReplies(), ElementsAre("Hi, I'm Lia!\n\nThe lamp costs 49.00 EUR."));
  h.Customer("and the price of the chair?");
  EXPECT_THAT(h.AiReplies(), ElementsAre("The lamp costs 49.00 EUR."));
}

TEST(GreetingTest, GreetsInTheCustomersLanguage) {
  Harness h(HandoffConfig());
  h.Customer("hola");
  EXPECT_THAT(h.AiReplies(), ElementsAre("¡Hola, soy Lia!"));
  EXPECT_EQ(h.conversation().language, core::Language::kEs);
}

TEST(HandoffTest, CustomerRequestHandsOffWithMessageNotificationAndPause) {
  Harness h(HandoffConfig());
  const auto start = h.clock().Now();
  h.Customer("I want a human");
  EXPECT_THAT(h.AiReplies(), ElementsAre("Hi, I'm Lia!\n\nA person will take it from here."));
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_EQ(h.conversation().lease.resume_at, start + 15min);
  EXPECT_EQ(h.timers().at(core::TimerKind::kResume), start + 15min);
  ASSERT_EQ(h.notifications().size(), 1u);
  const core::Notification& n = h.notifications()[0];
  EXPECT_EQ(n.kind, core::NotificationKind::kHandoff);
  EXPECT_EQ(n.reason, core::HandoffReason::kCustomerRequest);
  EXPECT_EQ(n.customer_name, "Ana");
  EXPECT_THAT(n.last_messages, ElementsAre("customer: I want a human"));
  EXPECT_EQ(h.audit().back().kind, core::AuditKind::kHandoff);
  EXPECT_THAT(h.audit().back().detail, StartsWith("customer_request"));
}

TEST(HandoffTest, TheNotificationNamesTheCustomerAsTheChannelShowsThem) {
  Harness h(HandoffConfig());
  const auto& d = h.Handle(core::CustomerMessage{"human", h.clock().Now(), "", "Sheena Nelson"});
  EXPECT_EQ(d.contact_name, "Sheena Nelson");
  EXPECT_EQ(h.notifications().at(0).customer_name, "Sheena Nelson");
}

TEST(HandoffTest, ANameAUserSetWinsOverTheChannels) {
  Harness h(HandoffConfig());
  h.contact().display_name = "Sheena (VIP)";
  h.contact().name_set_by_user = true;
  const auto& d = h.Handle(core::CustomerMessage{"human", h.clock().Now(), "", "Sheena Nelson"});
  EXPECT_EQ(d.contact_name, std::nullopt);
  EXPECT_EQ(h.notifications().at(0).customer_name, "Sheena (VIP)");
}

TEST(HandoffTest, HandoffMessageIsSentUnderTheNewEpoch) {
  Harness h(HandoffConfig());
  const auto& d = h.Customer("human please");
  ASSERT_EQ(d.messages.size(), 2u);
  EXPECT_EQ(d.messages[1].epoch, d.conversation.lease.epoch);
}

TEST(HandoffTest, FrustrationHandsOff) {
  Harness h(HandoffConfig());
  h.Customer("I am angry");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_EQ(h.notifications().at(0).reason, core::HandoffReason::kFrustration);
  EXPECT_EQ(h.notifications().at(0).detail, "upset");  // the brain's words, as in the audit
}

TEST(HandoffTest, TwoUnansweredQuestionsInARowHandOff) {
  Harness h(HandoffConfig());
  h.Customer("do you sell boats?");
  EXPECT_THAT(h.AiReplies(), ElementsAre(HasSubstr("I don't know")));
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
  h.Customer("what about planes?");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_EQ(h.notifications().at(0).reason, core::HandoffReason::kCannotAnswer);
}

TEST(HandoffTest, AnAnswerInBetweenResetsTheStreak) {
  Harness h(HandoffConfig());
  h.Customer("do you sell boats?");
  h.Customer("what is the price?");
  h.Customer("what about planes?");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
}

TEST(HandoffTest, BrainFailureHandsOff) {
  Harness h(HandoffConfig(), [](const core::BrainInput&) -> base::Result<core::Proposal> {
    return base::Error::Unavailable("model timed out");
  });
  h.Customer("hello?");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_EQ(h.notifications().at(0).reason, core::HandoffReason::kAiFailure);
  EXPECT_THAT(h.AiReplies(), ElementsAre("Hi, I'm Lia!\n\nA person will take it from here."));
}

TEST(HandoffTest, BrainMayNotDeclareALeadQualified) {
  Harness h(HandoffConfig(), [](const core::BrainInput&) -> base::Result<core::Proposal> {
    core::Proposal p;
    p.handoff = core::HandoffProposal{core::HandoffReason::kQualified, ""};
    return p;
  });
  h.Customer("hi");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
}

TEST(PauseTest, CustomerMessagesDuringManualAreStoredNotAnsweredAndDoNotExtend) {
  Harness h(HandoffConfig());
  h.Customer("human");
  const auto resume_at = h.conversation().lease.resume_at;
  h.Advance(5min);
  const auto& d = h.Customer("hello? what is the price?");
  EXPECT_TRUE(h.AiReplies().empty());
  EXPECT_EQ(d.messages.size(), 1u);
  EXPECT_EQ(h.conversation().lease.resume_at, resume_at);
}

TEST(PauseTest, HumanReplySlidesTheWindow) {
  Harness h(HandoffConfig());
  h.Customer("human");
  h.Advance(10min);
  h.Handle(core::HumanReply{"Hi, this is Marta", "marta@casa", h.clock().Now()});
  EXPECT_EQ(h.messages().back().author, core::Author::kHumanCrm);
  EXPECT_EQ(h.messages().back().user, "marta@casa");
  EXPECT_EQ(h.conversation().lease.resume_at, h.clock().Now() + 15min);
  h.Advance(14min);
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  h.Advance(1min);
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
  EXPECT_EQ(h.audit().back().kind, core::AuditKind::kAutoResume);
}

TEST(PauseTest, OwnerEchoPausesFromItsOwnTimestamp) {
  Harness h(HandoffConfig());
  h.Customer("what is the price?");
  const auto echo_at = h.clock().Now() - 2min;  // delivered two minutes late
  h.Handle(core::OwnerEcho{"I'll handle this one", echo_at});
  EXPECT_EQ(h.messages().back().author, core::Author::kHumanApp);
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_EQ(h.conversation().lease.resume_at, echo_at + 15min);
  EXPECT_EQ(h.audit().back().kind, core::AuditKind::kOwnerEcho);
}

TEST(PauseTest, EchoPastItsOwnWindowIsRecordedWithoutPausing) {
  Harness h(HandoffConfig());
  h.Customer("what is the price?");
  h.Handle(core::OwnerEcho{"old reply", h.clock().Now() - 20min});
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
  EXPECT_EQ(h.messages().back().author, core::Author::kHumanApp);
  EXPECT_EQ(h.audit().back().kind, core::AuditKind::kLateEcho);
}

TEST(PauseTest, TakeManualControlPausesWithoutAMessage) {
  Harness h(HandoffConfig());
  h.Customer("hi");
  const auto& d = h.Handle(core::TakeControl{"marta@casa", h.clock().Now()});
  EXPECT_TRUE(d.messages.empty());
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_EQ(h.audit().back().kind, core::AuditKind::kTakeControl);
  EXPECT_EQ(h.audit().back().actor, "marta@casa");
}

TEST(PauseTest, NeverAutoResumeWaitsForReturnToAi) {
  auto config = HandoffConfig();
  config.pause.reset();
  Harness h(config);
  h.Customer("human");
  EXPECT_FALSE(h.conversation().lease.resume_at);
  EXPECT_TRUE(h.timers().empty());
  h.Advance(48h);
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  h.Handle(core::ReturnToAi{"marta@casa", h.clock().Now()});
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
}

TEST(ResumeTest, AnswersWaitingMessagesWithTheNoticeAndNoSecondGreeting) {
  Harness h(HandoffConfig());
  h.Customer("human");
  h.Advance(1min);
  h.Customer("what is the price?");
  h.Advance(15min);
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
  EXPECT_THAT(h.AiReplies(), ElementsAre("I'm back.\n\nThe lamp costs 49.00 EUR."));
}

TEST(ResumeTest, DoesNotHandOffAgainOnOldHistory) {
  Harness h(HandoffConfig());
  h.Customer("human");
  h.Advance(16min);
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
  EXPECT_TRUE(h.AiReplies().empty());
  EXPECT_EQ(h.notifications().size(), 1u);
}

TEST(ResumeTest, OnlyMessagesAfterTheLastHumanMessageAreAnswered) {
  Harness h(HandoffConfig());
  h.Customer("human");
  h.Customer("are you there?");
  h.Handle(core::HumanReply{"Yes, Marta here", "marta", h.clock().Now()});
  h.Customer("what is the price?");
  h.Advance(16min);
  EXPECT_THAT(h.brain().inputs().back(), ElementsAre("what is the price?"));
}

TEST(ResumeTest, ReturnToAiAnswersWaitingMessagesAtOnce) {
  Harness h(HandoffConfig());
  h.Handle(core::TakeControl{"marta", h.clock().Now()});
  h.Customer("what is the price?");
  h.Handle(core::ReturnToAi{"marta", h.clock().Now()});
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
  EXPECT_TRUE(h.timers().empty());
  EXPECT_THAT(h.AiReplies(), ElementsAre("I'm back.\n\nThe lamp costs 49.00 EUR."));
  EXPECT_EQ(h.audit().back().kind, core::AuditKind::kReturnToAi);
}

TEST(ResumeTest, ACustomerMessageAfterAnUnfiredResumeEndsThePause) {
  Harness h(HandoffConfig());
  h.Customer("human");
  h.clock().Advance(20min);  // the timer did not fire (e.g. the process was down)
  h.Customer("what is the price?");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
  EXPECT_THAT(h.AiReplies(), ElementsAre("I'm back.\n\nThe lamp costs 49.00 EUR."));
}

TEST(DebounceTest, ABurstGetsOneReply) {
  auto config = HandoffConfig();
  config.debounce = 2s;
  Harness h(config);
  h.Customer("hi");
  EXPECT_TRUE(h.AiReplies().empty());
  h.Advance(1s);
  h.Customer("what is the price?");
  h.Advance(1500ms);
  EXPECT_TRUE(h.brain().inputs().empty());
  h.Advance(500ms);
  ASSERT_EQ(h.brain().inputs().size(), 1u);
  EXPECT_THAT(h.brain().inputs()[0], ElementsAre("hi", "what is the price?"));
  EXPECT_THAT(h.AiReplies(), ElementsAre("Hi, I'm Lia!\n\nThe lamp costs 49.00 EUR."));
}

TEST(DebounceTest, AHumanTakingOverCancelsThePendingReply) {
  auto config = HandoffConfig();
  config.debounce = 2s;
  Harness h(config);
  h.Customer("what is the price?");
  h.Handle(core::TakeControl{"marta", h.clock().Now()});
  h.Advance(3s);
  EXPECT_TRUE(h.brain().inputs().empty());
  EXPECT_FALSE(h.timers().contains(core::TimerKind::kReply));
}

TEST(FolderTest, SpamAndArchivedAreNeverAnswered) {
  for (core::Folder folder : {core::Folder::kSpam, core::Folder::kArchived}) {
    Harness h(HandoffConfig());
    auto snapshot_conversation = h.conversation();
    snapshot_conversation.folder = folder;
    // Start the conversation in that folder.
    core::ConversationSnapshot s;
    s.conversation = snapshot_conversation;
    const auto d = Decide(s, core::CustomerMessage{"what is the price?", h.clock().Now()},
                          h.config(), h.clock().Now());
    ASSERT_EQ(d.messages.size(), 1u);
    EXPECT_EQ(d.messages[0].author, core::Author::kCustomer);
    EXPECT_TRUE(d.timers.empty());
  }
}

TEST(FolderTest, ACustomerMessageReopensASolvedConversation) {
  Harness h(HandoffConfig());
  core::ConversationSnapshot s;
  s.conversation = h.conversation();
  s.conversation.folder = core::Folder::kSolved;
  const auto d = Decide(s, core::CustomerMessage{"what is the price?", h.clock().Now()}, h.config(),
                        h.clock().Now());
  EXPECT_EQ(d.conversation.folder, core::Folder::kOpen);
  EXPECT_EQ(d.audit.at(0).kind, core::AuditKind::kReopened);
  EXPECT_EQ(d.messages.size(), 1u);
  // ... and owed a reply.
  ASSERT_EQ(d.timers.size(), 1u);
  EXPECT_EQ(d.timers[0].kind, core::TimerKind::kReply);
}

TEST(NoteTest, AChannelNoteIsShownButNeverAnswered) {
  Harness h(HandoffConfig());
  h.Customer("what is the price?");
  const auto& d = h.Handle(core::ChannelNote{"customer reacted ❤️", h.clock().Now(), "r.1"});
  ASSERT_EQ(d.messages.size(), 1u);
  EXPECT_EQ(d.messages[0].author, core::Author::kSystem);
  EXPECT_EQ(d.messages[0].provider_message_id, "r.1");
  EXPECT_TRUE(h.AiReplies().empty());
  h.Customer("and the price of the chair?");
  EXPECT_THAT(h.brain().inputs().back(), ElementsAre("and the price of the chair?"));
}

TEST(TimerTest, AStaleResumeTimerIsReplacedByTheCurrentOne) {
  Harness h(HandoffConfig());
  const auto start = h.clock().Now();
  h.Customer("human");
  h.Advance(5min);
  h.Handle(core::HumanReply{"hi", "marta", h.clock().Now()});
  const auto& d = h.Handle(core::TimerFired{core::TimerKind::kResume, start + 15min});
  EXPECT_EQ(d.conversation.lease.mode, Mode::kManual);
  ASSERT_EQ(d.timers.size(), 1u);
  EXPECT_EQ(d.timers[0].due_at, start + 20min);
}

}  // namespace
}  // namespace workflow::testing
