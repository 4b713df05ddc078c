// DecideReply: what a due reply becomes, row by row. It asks for a proposal rather than calling a
// brain, applies only a proposal made for the turn as it stands, and always settles the reply
// timer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <variant>

#include "workflow/decide.h"
#include "workflow/harness.h"

namespace workflow::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;

const base::TimePoint kNow = base::FromMillis(1'800'000'000'000);

core::Message CustomerSaid(std::int64_t id, const std::string& text, base::TimePoint at,
                           std::int64_t epoch = 0) {
  core::Message m;
  m.id = id;
  m.author = core::Author::kCustomer;
  m.text = text;
  m.at = at;
  m.epoch = epoch;
  return m;
}

core::ConversationSnapshot Owed(std::vector<core::Message> history) {
  core::ConversationSnapshot s;
  s.conversation.id = 7;
  s.conversation.channel = core::Channel::kWhatsapp;  // hands off without asking for details
  s.conversation.greeted = true;
  s.history = std::move(history);
  return s;
}

workflow::Proposed Reply(TurnBasis basis, std::string text) {
  core::Proposal p;
  p.asked = p.answered = true;
  p.reply = std::move(text);
  return {basis, p};
}

// The reply timer change a decision makes: nullopt (cancelled) or its new due time.
std::optional<base::TimePoint> ReplyTimer(const core::Decision& d) {
  for (const core::TimerChange& t : d.timers) {
    if (t.kind == core::TimerKind::kReply) return t.due_at;
  }
  ADD_FAILURE() << "the reply timer was not settled";
  return std::nullopt;
}

struct Row {
  const char* name;
  core::ConversationSnapshot snapshot;
  bool ask_brain;  // a BrainRequest (else a Decision with no AI message)
  std::optional<base::TimePoint> timer = std::nullopt;
};

TEST(DecideReplyTest, WithoutAProposalItAsksOrSettlesTheTimer) {
  const core::AgentConfig config = HandoffConfig();  // debounce 0
  core::AgentConfig windowed = config;
  windowed.debounce = 2s;

  auto manual = Owed({CustomerSaid(1, "hi", kNow)});
  manual.conversation.lease.mode = core::Mode::kManual;
  auto spam = Owed({CustomerSaid(1, "hi", kNow)});
  spam.conversation.folder = core::Folder::kSpam;
  auto answered = Owed({CustomerSaid(1, "hi", kNow)});
  answered.history.push_back(core::Message{});
  answered.history.back().author = core::Author::kHumanCrm;

  const Row rows[] = {
      {"a customer message owed a reply", Owed({CustomerSaid(1, "hi", kNow)}), true},
      {"a person has the conversation", manual, false},
      {"spam is never answered", spam, false},
      {"a person answered already", answered, false},
      {"nothing was said", Owed({}), false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    auto step = DecideReply(row.snapshot, config, nullptr, kNow);
    EXPECT_EQ(std::holds_alternative<BrainRequest>(step), row.ask_brain);
    if (const auto* d = std::get_if<core::Decision>(&step)) {
      EXPECT_TRUE(d->messages.empty());
      EXPECT_EQ(ReplyTimer(*d), row.timer);
    }
  }
}

TEST(DecideReplyTest, AnOpenBurstWindowMovesTheTimerToItsEnd) {
  core::AgentConfig config = HandoffConfig();
  config.debounce = 2s;
  const auto s = Owed({CustomerSaid(1, "hi", kNow - 500ms)});
  auto step = DecideReply(s, config, nullptr, kNow);
  ASSERT_TRUE(std::holds_alternative<core::Decision>(step));
  EXPECT_EQ(ReplyTimer(std::get<core::Decision>(step)), kNow + 1500ms);
  // Closed: the brain is asked.
  EXPECT_TRUE(std::holds_alternative<BrainRequest>(DecideReply(s, config, nullptr, kNow + 2s)));
}

TEST(DecideReplyTest, TheRequestNamesTheTurnAndCarriesTheWholeBurst) {
  const auto s = Owed({CustomerSaid(1, "hi", kNow), CustomerSaid(2, "any lamps?", kNow)});
  auto step = DecideReply(s, HandoffConfig(), nullptr, kNow);
  const auto& request = std::get<BrainRequest>(step);
  EXPECT_EQ(request.basis, (TurnBasis{2, 0, std::nullopt}));
  EXPECT_THAT(request.input.customer_messages, ElementsAre("hi", "any lamps?"));
}

TEST(DecideReplyTest, AProposalForItsOwnTurnIsAppliedAndTheTimerCancelled) {
  const auto s = Owed({CustomerSaid(1, "hi", kNow)});
  const Proposed proposed = Reply({1, 0, std::nullopt}, "Hello there.");
  auto step = DecideReply(s, HandoffConfig(), &proposed, kNow);
  const auto& d = std::get<core::Decision>(step);
  ASSERT_EQ(d.messages.size(), 1u);
  EXPECT_EQ(d.messages[0].author, core::Author::kAi);
  EXPECT_EQ(d.messages[0].text, "Hello there.");
  EXPECT_EQ(ReplyTimer(d), std::nullopt);
}

TEST(DecideReplyTest, TheAiMessageKeepsWhatTheModelTook) {
  const auto s = Owed({CustomerSaid(1, "hi", kNow)});
  Proposed proposed = Reply({1, 0, std::nullopt}, "Hello there.");
  const core::ModelRecord record{"gpt-4.1-mini", 812, 64, 1200ms, 1, ""};
  proposed.proposal->model = record;
  auto step = DecideReply(s, HandoffConfig(), &proposed, kNow);
  const auto& d = std::get<core::Decision>(step);
  ASSERT_EQ(d.messages.size(), 1u);
  EXPECT_EQ(d.messages[0].model, record);
  EXPECT_FALSE(std::get<core::Decision>(
                   DecideReply(s, HandoffConfig(), &(proposed = Reply({1, 0, std::nullopt}, "Hi.")),
                               kNow))
                   .messages[0]
                   .model.has_value());  // the local brain's: no record
}

TEST(DecideReplyTest, TheRequestNamesItsWorkspace) {
  auto s = Owed({CustomerSaid(1, "hi", kNow)});
  s.conversation.workspace_id = 3;
  EXPECT_EQ(
      std::get<BrainRequest>(DecideReply(s, HandoffConfig(), nullptr, kNow)).input.workspace_id, 3);
}

TEST(DecideReplyTest, AProposalForAnotherTurnIsNeverApplied) {
  const auto s = Owed({CustomerSaid(1, "hi", kNow), CustomerSaid(2, "and lamps?", kNow)});
  const Proposed stale_message = Reply({1, 0, std::nullopt}, "Hello there.");
  const Proposed stale_epoch = Reply({2, 1, std::nullopt}, "Hello there.");
  const Proposed stale_question = Reply({2, 0, 0}, "Hello there.");
  for (const Proposed* p : {&stale_message, &stale_epoch, &stale_question}) {
    auto step = DecideReply(s, HandoffConfig(), p, kNow);
    ASSERT_TRUE(std::holds_alternative<BrainRequest>(step));
    EXPECT_EQ(std::get<BrainRequest>(step).basis, (TurnBasis{2, 0, std::nullopt}));
  }
}

TEST(DecideReplyTest, MessagesThatWaitedForAPersonOpenWithTheResumeNoticeAtOnce) {
  core::AgentConfig config = HandoffConfig();
  config.debounce = 2s;
  // Written under epoch 1 (Manual), answered under epoch 2 (the AI is back), within the window.
  auto s = Owed({CustomerSaid(1, "still there?", kNow - 1s, 1)});
  s.conversation.lease.epoch = 2;
  auto step = DecideReply(s, config, nullptr, kNow);
  const auto& request = std::get<BrainRequest>(step);
  const Proposed proposed = Reply(request.basis, "Yes!");
  auto reply = DecideReply(s, config, &proposed, kNow);
  EXPECT_THAT(std::get<core::Decision>(reply).messages.at(0).text, "I'm back.\n\nYes!");
}

TEST(DecideReplyTest, AFailedProposalHandsOff) {
  const auto s = Owed({CustomerSaid(1, "hi", kNow)});
  const Proposed failed{{1, 0, std::nullopt}, base::Error::Unavailable("the model timed out")};
  auto step = DecideReply(s, HandoffConfig(), &failed, kNow);
  const auto& d = std::get<core::Decision>(step);
  EXPECT_EQ(d.conversation.lease.mode, core::Mode::kManual);
  ASSERT_EQ(d.notifications.size(), 1u);
  EXPECT_EQ(d.notifications[0].reason, core::HandoffReason::kAiFailure);
}

}  // namespace
}  // namespace workflow::testing
