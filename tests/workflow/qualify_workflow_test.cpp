// qualify_and_transfer through Decide.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflow/harness.h"

namespace workflow::testing {
namespace {

using namespace std::chrono_literals;
using core::Mode;
using ::testing::ElementsAre;

std::vector<std::string> Answers(const core::Contact& c) {
  std::vector<std::string> out;
  for (const auto& a : c.answers) out.push_back(a.label + "=" + a.answer);
  return out;
}

TEST(QualifyTest, GreetsThenAsksTheFirstQuestion) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  EXPECT_THAT(h.AiReplies(), ElementsAre("Hi, I'm Lia!\n\nWhat service do you need?"));
  EXPECT_EQ(h.conversation().pending_question, 0);
}

TEST(QualifyTest, AsksOneQuestionAtATimeAndStoresEachAnswer) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  h.Customer("a new website");
  EXPECT_THAT(h.AiReplies(), ElementsAre("What is your budget?"));
  EXPECT_THAT(Answers(h.contact()), ElementsAre("Service=a new website"));
  const core::QualificationAnswer& a = h.contact().answers[0];
  EXPECT_EQ(a.question, "What service do you need?");
  EXPECT_EQ(a.question_index, 0);
  EXPECT_EQ(a.source_message_id, h.messages()[2].id);  // the customer's message
  EXPECT_EQ(h.audit().back().kind, core::AuditKind::kAnswerRecorded);
}

TEST(QualifyTest, AQuestionMidFlowIsAnsweredThenThePendingQuestionAskedAgain) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  h.Customer("a new website");
  h.Customer("what is the price of a logo?");
  EXPECT_THAT(h.AiReplies(),
              ElementsAre("The lamp costs 49.00 EUR.\n\nSo I can note it down: what should I put "
                          "for “Budget”? A few words are enough."));
  EXPECT_EQ(h.contact().answers.size(), 1u);
  EXPECT_EQ(h.conversation().pending_question, 1);
}

TEST(QualifyTest, AQuestionAskedAgainNeverRepeatsTheSentenceBefore) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  const std::string again =
      "So I can note it down: what should I put for “Service”? A few words are enough.";
  h.Customer("what is the price of a logo?");
  EXPECT_THAT(h.AiReplies(), ElementsAre("The lamp costs 49.00 EUR.\n\n" + again));
  h.Customer("what is the price of a logo?");
  EXPECT_THAT(h.AiReplies(), ElementsAre("The lamp costs 49.00 EUR.\n\nWhat service do you need?"));
  h.Customer("what is the price of a logo?");
  EXPECT_THAT(h.AiReplies(), ElementsAre("The lamp costs 49.00 EUR.\n\n" + again));
}

TEST(QualifyTest, AQuestionWithoutALabelIsAskedAgainAsWritten) {
  core::AgentConfig config = QualifyConfig();
  config.questions[0].label.clear();
  Harness h(config);
  h.Customer("hi");
  h.Customer("what is the price of a logo?");
  EXPECT_THAT(h.AiReplies(), ElementsAre("The lamp costs 49.00 EUR.\n\nWhat service do you need?"));
}

TEST(QualifyTest, TheLastAnswerIsThankedOnce) {
  // A brain that thanks for every answer: the qualified message thanks for the last one alone.
  Harness h(QualifyConfig(), [](const core::BrainInput& input) {
    base::Result<core::Proposal> p = SimpleRule(input);
    if (p->answer) p->reply = "Thanks for that!";
    return p;
  });
  h.Customer("hi");
  h.Customer("a new website");
  h.Customer("5000");
  h.Customer("next month");
  EXPECT_THAT(h.AiReplies(), ElementsAre("Thanks! A person will continue."));
}

TEST(QualifyTest, AnAnswerGivenWithAHandoffIsRecorded) {
  Harness h(QualifyConfig(), [](const core::BrainInput& input) {
    base::Result<core::Proposal> p = SimpleRule(input);
    if (p->answer) p->handoff = core::HandoffProposal{core::HandoffReason::kReservedTopic, "rule"};
    return p;
  });
  h.Customer("hi");
  h.Customer("wholesale for my shop");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_THAT(Answers(h.contact()), ElementsAre("Service=wholesale for my shop"));
  ASSERT_EQ(h.notifications().size(), 1u);
  EXPECT_THAT(h.notifications()[0].answers.size(), 1u);
}

TEST(QualifyTest, LastAnswerTellsTheCustomerNotifiesWithEveryAnswerAndPauses) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  h.Customer("a new website");
  h.Customer("5000 euros");
  h.Customer("next month");
  EXPECT_THAT(h.AiReplies(), ElementsAre("Thanks! A person will continue."));
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_FALSE(h.conversation().pending_question);
  ASSERT_EQ(h.notifications().size(), 1u);
  const core::Notification& n = h.notifications()[0];
  EXPECT_EQ(n.kind, core::NotificationKind::kLeadQualified);
  EXPECT_EQ(n.reason, core::HandoffReason::kQualified);
  std::vector<std::string> answers;
  for (const auto& a : n.answers) answers.push_back(a.label + "=" + a.answer);
  EXPECT_THAT(answers,
              ElementsAre("Service=a new website", "Budget=5000 euros", "Timeline=next month"));
}

TEST(QualifyTest, ARequestForAPersonHandsOffEarlyKeepingTheAnswers) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  h.Customer("a new website");
  h.Customer("can I talk to a human");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_EQ(h.notifications().at(0).reason, core::HandoffReason::kCustomerRequest);
  EXPECT_THAT(Answers(h.contact()), ElementsAre("Service=a new website"));
  EXPECT_EQ(h.notifications().at(0).answers.size(), 1u);
}

TEST(QualifyTest, AfterResumeContinuesWhereItStoppedWithoutReasking) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  h.Customer("a new website");
  h.Customer("human");
  h.Advance(16min);
  h.Customer("sorry, I'm back");
  EXPECT_THAT(h.AiReplies(), ElementsAre("What is your budget?"));
  h.Customer("3000");
  EXPECT_THAT(Answers(h.contact()), ElementsAre("Service=a new website", "Budget=3000"));
}

TEST(QualifyTest, AReturningLeadIsNeverAskedWhatItAnswered) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  h.Customer("a new website");
  h.Customer("5000 euros");
  h.Customer("next month");
  h.Advance(16min);
  h.Customer("what is the price?");
  EXPECT_THAT(h.AiReplies(), ElementsAre("The lamp costs 49.00 EUR."));
  EXPECT_EQ(h.notifications().size(), 1u);
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
}

TEST(QualifyTest, AnAnswerForAnotherQuestionIsRejected) {
  Harness h(QualifyConfig(), [](const core::BrainInput& input) -> base::Result<core::Proposal> {
    core::Proposal p;
    const auto& question = core::AnswerableQuestion(input);
    p.answer = core::AnswerProposal{question ? question->index + 1 : 0, "sneaky"};
    return p;
  });
  h.Customer("hi");
  h.Customer("whatever");
  EXPECT_TRUE(h.contact().answers.empty());
  EXPECT_EQ(h.conversation().pending_question, 0);
}

// The brain reads "my laptop broke" in a first message as the answer to "What service do you
// need?" (the next question, not asked yet).
base::Result<core::Proposal> HearsTheNeed(const core::BrainInput& input) {
  auto p = SimpleRule(input);
  if (p.ok() && input.next_question &&
      input.customer_messages.back().find("broke") != std::string::npos) {
    p->answer = core::AnswerProposal{input.next_question->index, "my laptop broke"};
  }
  return p;
}

TEST(QualifyTest, ANeedStatedBeforeTheQuestionIsNotedAndTheQuestionNotAsked) {
  Harness h(QualifyConfig(), HearsTheNeed);
  h.Customer("hi, my laptop broke");
  EXPECT_THAT(h.AiReplies(), ElementsAre("Hi, I'm Lia!\n\nI've noted “Service”: my laptop "
                                         "broke.\n\nWhat is your budget?"));
  ASSERT_EQ(h.contact().answers.size(), 1u);
  const core::QualificationAnswer& a = h.contact().answers[0];
  EXPECT_EQ(a.value, "my laptop broke");
  EXPECT_EQ(a.answer, "hi, my laptop broke");  // the customer's words, kept as provenance
  EXPECT_EQ(a.source_message_id, h.messages()[0].id);
  EXPECT_EQ(h.conversation().pending_question, 1);
  // The next reply answers the budget, not the service again.
  h.Customer("about 300 euros");
  EXPECT_THAT(Answers(h.contact()),
              ElementsAre("Service=hi, my laptop broke", "Budget=about 300 euros"));
}

TEST(QualifyTest, ACorrectionOfTheLastAnswerReplacesItAndTheQuestionIsAskedAgain) {
  Harness h(QualifyConfig());
  h.Customer("hi");
  h.Customer("a new website");
  h.Customer("sorry, I meant a new logo");
  EXPECT_THAT(h.AiReplies(), ElementsAre("I've noted “Service”: a new logo.\n\nSo I can note it "
                                         "down: what should I put for “Budget”? A few words are "
                                         "enough."));
  EXPECT_THAT(Answers(h.contact()), ElementsAre("Service=sorry, I meant a new logo"));
  EXPECT_EQ(h.contact().answers[0].value, "a new logo");
  EXPECT_EQ(h.conversation().pending_question, 1);
}

TEST(QualifyTest, TheBrainSeesTheNextQuestionOnlyWhileNoneIsPending) {
  std::vector<bool> saw_next;
  Harness h(QualifyConfig(), [&](const core::BrainInput& input) {
    saw_next.push_back(input.next_question.has_value() && !input.pending_question);
    return SimpleRule(input);
  });
  h.Customer("hi");
  h.Customer("a new website");
  EXPECT_THAT(saw_next, ElementsAre(true, false));
}

TEST(QualifyTest, BrainSeesThePendingQuestionInTheCustomersLanguage) {
  auto config = QualifyConfig();
  config.translations[core::Language::kEs].questions = {"¿Qué servicio necesita?", "", ""};
  Harness h(config);
  h.Customer("hola");
  EXPECT_THAT(h.AiReplies(), ElementsAre("¡Hola, soy Lia!\n\n¿Qué servicio necesita?"));
}

}  // namespace
}  // namespace workflow::testing
