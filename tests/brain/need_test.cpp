#include "brain/local/need.h"

#include <gtest/gtest.h>

#include <string>

#include "text/tokenizer.h"

namespace brain {
namespace {

bool States(const std::string& text) { return StatesNeed(SplitClauses(text::Tokenize(text))); }

TEST(NeedTest, ANeedOrAProblemTheCustomerDescribesIsStated) {
  for (const char* t :
       {"I need a work visa for Portugal", "Hi! My chain broke", "my bike needs a tune-up",
        "we're looking for an accountant", "I'd like to renew my residency permit",
        "hola, necesito renovar mi residencia", "mi permiso vence en marzo",
        "tengo un problema con el contrato", "oi, meu pneu furou", "preciso abrir uma empresa",
        "my e-bike battery won't charge", "my residence permit was refused, what can I do?"}) {
    EXPECT_TRUE(States(t)) << t;
  }
}

TEST(NeedTest, QuestionsRequestsForInformationAndEmptyNeedsAreNot) {
  for (const char* t : {"hi", "thanks!", "do you fix e-bikes?", "I need the opening hours",
                        "I need help", "I want to know your prices", "what time do you close",
                        "my name is Ana", "I have a question about visas", "necesito información",
                        "quero saber o preço", "ok", "¿cuánto cuesta una visa?"}) {
    EXPECT_FALSE(States(t)) << t;
  }
}

TEST(NeedTest, AQuestionAsksForTheNeedWhenItAsksWhatIsNeededNotWhenOrHowMuch) {
  for (const char* q : {"Which service do you need help with?", "What can we help you with?",
                        "What's wrong with your bike?", "¿En qué podemos ayudarte?",
                        "Qual é o problema?", "What brings you to us?"}) {
    EXPECT_TRUE(AsksForNeed(q)) << q;
  }
  for (const char* q :
       {"When do you need this done?", "What is your budget?", "What is your email?",
        "Which country are you a citizen of?", "How much do you need to borrow?",
        "¿Cuál es tu nombre?", "Do you need an invoice?",
        "What's your full name? We need it for the file.", "Is this for yourself or a company?"}) {
    EXPECT_FALSE(AsksForNeed(q)) << q;
  }
}

TEST(NeedTest, TheOpeningSmallTalkIsLeftOutOfTheAnswer) {
  EXPECT_EQ(WithoutOpeningSmallTalk("Hi! My chain broke"), "My chain broke");
  EXPECT_EQ(WithoutOpeningSmallTalk("hello there,\n good morning!! I need a visa."),
            "I need a visa.");
  EXPECT_EQ(WithoutOpeningSmallTalk("  Olá, preciso de ajuda com o visto "),
            "preciso de ajuda com o visto");
  EXPECT_EQ(WithoutOpeningSmallTalk("My chain broke, thanks"), "My chain broke, thanks");
  EXPECT_EQ(WithoutOpeningSmallTalk(" hi! "), "hi!");
}

}  // namespace
}  // namespace brain
