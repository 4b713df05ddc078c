#include "brain/local/question.h"

#include <gtest/gtest.h>

#include <string>

#include "text/tokenizer.h"

namespace brain {
namespace {

std::vector<Clause> Clauses(const std::string& text) { return SplitClauses(text::Tokenize(text)); }

bool Asks(const std::string& text, QuestionCues cues = QuestionCues::kAll) {
  return IsQuestion(Clauses(text), cues);
}

TEST(QuestionTest, QuestionMarksOpenersAndRequestsForInformation) {
  for (const char* t : {"is it waterproof?", "¿Tienen envío gratis", "how much is the lamp",
                        "do you have running shoes", "price of the trail runner", "cuánto cuesta",
                        "quanto custa a camiseta", "vocês têm tênis", "I'm looking for a gift",
                        "opening hours", "busco zapatillas"}) {
    EXPECT_TRUE(Asks(t)) << t;
  }
  for (const char* t : {"I bought it yesterday", "my budget is 500", "next week", "yes"}) {
    EXPECT_FALSE(Asks(t)) << t;
  }
}

TEST(QuestionTest, ExplicitCuesIgnoreOpenersThatAlsoStartStatements) {
  EXPECT_TRUE(Asks("when I get paid"));
  EXPECT_FALSE(Asks("when I get paid", QuestionCues::kExplicit));
  EXPECT_FALSE(Asks("my price range is 500", QuestionCues::kExplicit));
  EXPECT_TRUE(Asks("when do you open?", QuestionCues::kExplicit));
  EXPECT_TRUE(Asks("how much is it", QuestionCues::kExplicit));
}

TEST(SmallTalkTest, ClassifiesGreetingsThanksAndAcknowledgements) {
  EXPECT_EQ(ClassifySmallTalk(Clauses("Hi there!")), SmallTalk::kGreeting);
  EXPECT_EQ(ClassifySmallTalk(Clauses("buenos días")), SmallTalk::kGreeting);
  EXPECT_EQ(ClassifySmallTalk(Clauses("olá")), SmallTalk::kGreeting);
  EXPECT_EQ(ClassifySmallTalk(Clauses("thanks a lot")), SmallTalk::kThanks);
  EXPECT_EQ(ClassifySmallTalk(Clauses("¡Muchas gracias!")), SmallTalk::kThanks);
  EXPECT_EQ(ClassifySmallTalk(Clauses("obrigado")), SmallTalk::kThanks);
  EXPECT_EQ(ClassifySmallTalk(Clauses("ok")), SmallTalk::kAcknowledgement);
  EXPECT_EQ(ClassifySmallTalk(Clauses("hi, do you sell lamps?")), SmallTalk::kNone);
  EXPECT_EQ(ClassifySmallTalk(Clauses("")), SmallTalk::kNone);
}

TEST(SmallTalkTest, AffirmativeIsAWholeMessageOfYes) {
  EXPECT_TRUE(IsAffirmative(Clauses("yes please")));
  EXPECT_TRUE(IsAffirmative(Clauses("sí, por favor")));
  EXPECT_TRUE(IsAffirmative(Clauses("sim")));
  EXPECT_FALSE(IsAffirmative(Clauses("yes, but how much is it?")));
  EXPECT_FALSE(IsAffirmative(Clauses("")));
}

}  // namespace
}  // namespace brain
