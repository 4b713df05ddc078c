// What a customer sends instead of words (a photo, a voice note, a location), through Decide.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflow/harness.h"

namespace workflow::testing {
namespace {

using namespace std::chrono_literals;
using core::Attachment;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr const char* kCannotOpen = "I can't open images here.";

// SimpleRule for words; for a turn with only attachments, what a brain that cannot read them says.
base::Result<core::Proposal> CannotReadRule(const core::BrainInput& input) {
  if (!input.customer_messages.empty()) return SimpleRule(input);
  core::Proposal p;
  p.language = input.language.value_or(core::Language::kEn);
  p.reply = kCannotOpen;
  return p;
}

core::CustomerMessage Sent(Attachment attachment, std::string summary, base::TimePoint at) {
  core::CustomerMessage m{std::move(summary), at};
  m.attachment = attachment;
  return m;
}

TEST(AttachmentTest, TheBrainGetsTheAttachmentNotItsSummaryAndTheTimelineKeepsTheSummary) {
  std::vector<core::BrainInput> seen;
  Harness h(HandoffConfig(), [&](const core::BrainInput& input) {
    seen.push_back(input);
    return CannotReadRule(input);
  });
  const auto& d =
      h.Handle(Sent(Attachment::kLocation, "[location: 38.72, -9.14 Lisbon]", h.clock().Now()));
  ASSERT_EQ(d.messages.size(), 2u);
  EXPECT_EQ(d.messages[0].text, "[location: 38.72, -9.14 Lisbon]");
  EXPECT_EQ(d.messages[0].attachment, Attachment::kLocation);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0].customer_messages, IsEmpty());
  EXPECT_THAT(seen[0].attachments, ElementsAre(Attachment::kLocation));
}

TEST(AttachmentTest, TheReplyToAFirstMessageWithoutWordsFollowsTheGreeting) {
  Harness h(HandoffConfig(), CannotReadRule);
  h.Handle(Sent(Attachment::kImage, "[image]", h.clock().Now()));
  EXPECT_THAT(h.AiReplies(), ElementsAre(std::string("Hi, I'm Lia!\n\n") + kCannotOpen));
}

TEST(AttachmentTest, TurnsWithoutWordsNeverCountTowardTheCannotAnswerHandoff) {
  // A brain that takes everything for a question it cannot answer.
  Harness h(HandoffConfig(), [](const core::BrainInput&) -> base::Result<core::Proposal> {
    core::Proposal p;
    p.asked = true;
    p.reply = kCannotOpen;
    return p;
  });
  for (int i = 0; i < 3; ++i) h.Handle(Sent(Attachment::kImage, "[image]", h.clock().Now()));
  EXPECT_EQ(h.conversation().lease.mode, core::Mode::kAi);
  EXPECT_EQ(h.conversation().unanswered_streak, 0);
  EXPECT_TRUE(h.notifications().empty());
  // Written questions still count.
  h.Customer("do you sell boats?");
  h.Customer("and planes?");
  EXPECT_EQ(h.conversation().lease.mode, core::Mode::kManual);
  EXPECT_EQ(h.notifications().at(0).reason, core::HandoffReason::kCannotAnswer);
}

TEST(AttachmentTest, ThePendingQuestionIsAskedAgainAfterAnAttachment) {
  Harness h(QualifyConfig(), CannotReadRule);
  h.Customer("hi");
  h.Handle(Sent(Attachment::kAudio, "[voice message]", h.clock().Now()));
  // Asked again in other words: never the same sentence twice in a row.
  EXPECT_THAT(h.AiReplies(),
              ElementsAre(std::string(kCannotOpen) + "\n\nSo I can note it down: what should I "
                                                     "put for “Service”? A few words are enough."));
  EXPECT_TRUE(h.contact().answers.empty());
  EXPECT_EQ(h.conversation().pending_question, 0);
}

TEST(AttachmentTest, AttachmentsReachTheBrainAfterTheDebounceWithTheWordsOfTheBurst) {
  auto config = HandoffConfig();
  config.debounce = 2s;
  std::vector<core::BrainInput> seen;
  Harness h(config, [&](const core::BrainInput& input) {
    seen.push_back(input);
    return CannotReadRule(input);
  });
  h.Handle(Sent(Attachment::kImage, "[image]", h.clock().Now()));
  h.Advance(1s);
  h.Customer("what is the price?");
  h.Advance(2s);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0].customer_messages, ElementsAre("what is the price?"));
  EXPECT_THAT(seen[0].attachments, ElementsAre(Attachment::kImage));
  EXPECT_THAT(h.AiReplies(), ElementsAre("Hi, I'm Lia!\n\nThe lamp costs 49.00 EUR."));
}

}  // namespace
}  // namespace workflow::testing
