// Qualification answers read by the question's type: stored normalised with the customer's words
// kept, asked again saying what is needed, skipped when optional, and taken from what the
// customer said before the question was asked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflow/answer.h"
#include "workflow/harness.h"

namespace workflow::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

core::AgentConfig TypedConfig() {
  core::AgentConfig c = QualifyConfig();
  c.questions = {
      {"Which service do you need?",
       "Service",
       core::QuestionType::kChoice,
       {"Work visa", "Family residency", "Citizenship"}},
      {"What email can our lawyer write to?", "Email", core::QuestionType::kEmail},
      {"Do you have a budget in mind?", "Budget", core::QuestionType::kAmount, {}, true},
      {"When do you need it by?", "Deadline", core::QuestionType::kDate},
  };
  return c;
}

// The harness's clock stands on Friday 15 January 2027.
TEST(TypedAnswerTest, EachAnswerIsStoredNormalisedWithTheCustomersWordsKept) {
  Harness h(TypedConfig());
  h.Customer("hi");
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("Which service do you need?"));
  const auto& service = h.Customer("a work visa");
  ASSERT_EQ(service.answers.size(), 1u);
  EXPECT_EQ(service.answers[0].value, "Work visa");
  EXPECT_EQ(service.answers[0].answer, "a work visa");
  EXPECT_EQ(h.Customer("it's Ana@Example.COM").answers.at(0).value, "Ana@example.com");
  EXPECT_EQ(h.Customer("around 3k EUR").answers.at(0).value, "3000 EUR");
  const auto& deadline = h.Customer("15 March");
  EXPECT_EQ(deadline.answers.at(0).value, "2027-03-15");
  ASSERT_EQ(h.notifications().size(), 1u);
  EXPECT_EQ(h.notifications()[0].reason, core::HandoffReason::kQualified);
  EXPECT_EQ(h.notifications()[0].answers.size(), 4u);
}

TEST(TypedAnswerTest, AReplyWithoutAValueIsAskedAgainSayingWhatItNeeds) {
  Harness h(TypedConfig());
  h.Customer("hi");
  h.Customer("citizenship");
  const auto& first = h.Customer("ana at example dot com");
  EXPECT_THAT(first.answers, IsEmpty());
  EXPECT_THAT(h.AiReplies(), ElementsAre("For “Email” I need an email address, like "
                                         "name@example.com."));
  // Never the same sentence twice in a row.
  h.Customer("ana at example");
  EXPECT_THAT(h.AiReplies(), ElementsAre("What email can our lawyer write to?"));
  EXPECT_EQ(h.conversation().pending_question, 1);
}

TEST(TypedAnswerTest, AnAnswerTheBrainHearsBeforeTheQuestionIsCheckedByItsType) {
  // The brain takes every first message for the service: only a choice the question lists counts.
  Harness h(TypedConfig(), [](const core::BrainInput& input) -> base::Result<core::Proposal> {
    core::Proposal p;
    if (input.next_question) {
      p.answer = core::AnswerProposal{input.next_question->index, input.customer_messages.back()};
    }
    return p;
  });
  h.Customer("something about my house");
  EXPECT_THAT(h.contact().answers, IsEmpty());
  EXPECT_EQ(h.conversation().pending_question, 0);
  Harness h2(TypedConfig(), [](const core::BrainInput& input) -> base::Result<core::Proposal> {
    core::Proposal p;
    if (input.next_question)
      p.answer = core::AnswerProposal{input.next_question->index, "a work visa"};
    return p;
  });
  h2.Customer("I'm moving to Lisbon for a job");
  ASSERT_EQ(h2.contact().answers.size(), 1u);
  EXPECT_EQ(h2.contact().answers[0].value, "Work visa");
  EXPECT_EQ(h2.conversation().pending_question, 1);
}

TEST(TypedAnswerTest, AChoiceIsNamedByItsWordsOrItsNumberAndListedWhenMissed) {
  Harness h(TypedConfig());
  h.Customer("hi");
  EXPECT_THAT(h.Customer("something about my house").answers, IsEmpty());
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("one of: Work visa, Family residency or Citizenship"));
  EXPECT_EQ(h.Customer("2").answers.at(0).value, "Family residency");
}

TEST(TypedAnswerTest, AnOptionalQuestionMayBeSkippedARequiredOneNot) {
  Harness h(TypedConfig());
  h.Customer("hi");
  h.Customer("work visa");
  EXPECT_THAT(h.Customer("skip").answers, IsEmpty());  // the email is required
  h.Customer("ana@example.com");
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("budget"));
  const auto& skipped = h.Customer("I'd rather not say");
  ASSERT_EQ(skipped.answers.size(), 1u);
  EXPECT_EQ(skipped.answers[0].label, "Budget");
  EXPECT_EQ(skipped.answers[0].value, "");
  EXPECT_EQ(skipped.answers[0].answer, "I'd rather not say");
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("When do you need it by?"));
}

TEST(TypedAnswerTest, YesIsNoAmountAndTheSkipIsOffered) {
  Harness h(TypedConfig());
  h.Customer("hi");
  h.Customer("work visa");
  h.Customer("ana@example.com");
  EXPECT_THAT(h.Customer("yes").answers, IsEmpty());
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("an amount, with its currency"));
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("just write “skip”"));
}

TEST(TypedAnswerTest, WhatWasSaidBeforeTheQuestionIsNotedAndNotAskedAgain) {
  Harness h(TypedConfig());
  const auto& first = h.Customer("hello, I need help with citizenship, ana@example.com");
  ASSERT_EQ(first.answers.size(), 2u);
  EXPECT_EQ(first.answers[0].value, "Citizenship");
  EXPECT_EQ(first.answers[1].value, "ana@example.com");
  const std::string reply = h.AiReplies().at(0);
  EXPECT_THAT(reply, HasSubstr("I've noted “Service”: Citizenship."));
  EXPECT_THAT(reply, HasSubstr("I've noted “Email”: ana@example.com."));
  EXPECT_THAT(reply, HasSubstr("Do you have a budget in mind?"));
  EXPECT_THAT(reply, Not(HasSubstr("Which service")));
  EXPECT_EQ(h.conversation().pending_question, 2);
}

TEST(TypedAnswerTest, FreeTextIsNeverTakenFromWhatWasSaidBefore) {
  Harness h(QualifyConfig());
  EXPECT_THAT(h.Customer("hello, I need a new kitchen").answers, IsEmpty());
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("What service do you need?"));
}

TEST(TypedAnswerTest, EverythingSaidBeforeQualifiesAtOnce) {
  core::AgentConfig config = QualifyConfig();
  config.questions = {{"Your email?", "Email", core::QuestionType::kEmail}};
  Harness h(config);
  h.Customer("hi, please write to ana@example.com");
  ASSERT_EQ(h.notifications().size(), 1u);
  EXPECT_EQ(h.notifications()[0].reason, core::HandoffReason::kQualified);
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("I've noted “Email”: ana@example.com."));
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("Thanks! A person will continue."));
}

TEST(CorrectionTest, AnOpeningThatTakesTheAnswerBackIsLeftOutOfTheNewOne) {
  EXPECT_EQ(Correction("sorry, I meant citizenship"), "citizenship");
  EXPECT_EQ(Correction("No, I meant citizenship!"), "citizenship");
  EXPECT_EQ(Correction("Sorry, I meant family residency."), "family residency");
  EXPECT_EQ(Correction("correction: it's a contract"), "a contract");
  EXPECT_EQ(Correction("perdón, quise decir la ciudadanía"), "la ciudadanía");
  EXPECT_EQ(Correction("desculpa, quis dizer cidadania"), "cidadania");
  // Not corrections: openings that as often answer the question asked now, plain answers, an
  // opening with nothing after it.
  for (const char* t :
       {"no", "no, it's for my company", "actually, a contract", "citizenship", "no es para mí",
        "não, é para a empresa", "I meant", "it's for my company"}) {
    EXPECT_EQ(Correction(t), std::nullopt) << t;
  }
}

TEST(TypedAnswerTest, AnAnswerJustNotedIsReplacedByTheCustomersCorrection) {
  // The brain takes the first message for the service (a stated answer the workflow notes).
  Harness h(TypedConfig(), [](const core::BrainInput& input) -> base::Result<core::Proposal> {
    core::Proposal p;
    const auto& q = core::AnswerableQuestion(input);
    if (q) p.answer = core::AnswerProposal{q->index, input.customer_messages.back()};
    return p;
  });
  h.Customer("I need a work visa");
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("I've noted “Service”: Work visa."));
  EXPECT_EQ(h.conversation().pending_question, 1);
  const auto& corrected = h.Customer("sorry, I meant citizenship");
  ASSERT_EQ(corrected.answers.size(), 1u);
  EXPECT_EQ(corrected.answers[0].label, "Service");
  EXPECT_EQ(corrected.answers[0].value, "Citizenship");
  EXPECT_EQ(corrected.answers[0].answer, "sorry, I meant citizenship");
  // Confirmed, and the pending question asked again in other words; nothing stored for it.
  EXPECT_THAT(h.AiReplies(), ElementsAre("I've noted “Service”: Citizenship.\n\nSo I can note it "
                                         "down: what should I put for “Email”? A few words are "
                                         "enough."));
  ASSERT_EQ(h.contact().answers.size(), 1u);
  EXPECT_EQ(h.contact().answers[0].value, "Citizenship");
  EXPECT_EQ(h.conversation().pending_question, 1);
  // An answer that opens like a correction without being one leaves the noted answer alone.
  h.Customer("no, it's for my company");
  EXPECT_EQ(h.contact().answers.at(0).value, "Citizenship");
  // A correction with no value of the question's type is no correction: read as usual.
  h.Customer("ana@example.com");
  EXPECT_EQ(h.contact().answers.size(), 2u);
}

}  // namespace
}  // namespace workflow::testing
