#include "brain/local/intent.h"

#include <gtest/gtest.h>

#include <string>

#include "brain/local/frustration.h"
#include "brain/local/reading.h"
#include "text/tokenizer.h"

namespace brain {
namespace {

HandoffCue Cue(const std::string& text) {
  const auto clauses = SplitClauses(text::Tokenize(text));
  return DetectHandoff(clauses);
}

bool Frustrated(const std::string& text) {
  const auto clauses = SplitClauses(text::Tokenize(text));
  return IsFrustrated(text, clauses);
}

void ExpectRequests(std::initializer_list<const char*> texts) {
  for (const char* t : texts) EXPECT_EQ(Cue(t), HandoffCue::kRequest) << t;
}

void ExpectNone(std::initializer_list<const char*> texts) {
  for (const char* t : texts) EXPECT_EQ(Cue(t), HandoffCue::kNone) << t;
}

TEST(IntentTest, RequestsForAPersonInEnglish) {
  ExpectRequests({"Can I speak to a human please?", "let me talk to someone",
                  "I'd like to speak with a representative", "I need a real person",
                  "Can you transfer me to an agent?", "get me a manager",
                  "connect me with customer service", "is there a person I can talk to?",
                  "I'd rather deal with a real person"});
}

TEST(IntentTest, RequestsForAPersonInSpanish) {
  ExpectRequests({"quiero hablar con una persona", "¿Puedo hablar con un humano?",
                  "quiero un agente", "pásame con un asesor por favor", "me pasas con alguien?",
                  "¿me puedes transferir a un agente?", "comunícame con atención al cliente"});
}

TEST(IntentTest, RequestsForAPersonInPortuguese) {
  ExpectRequests({"quero falar com um atendente", "posso falar com uma pessoa?",
                  "me passa para um atendente", "preciso de um atendente", "quero um humano",
                  "me transfere para o suporte"});
}

TEST(IntentTest, DepartmentRequestIsHandoff) {
  ExpectRequests({"put me through to the spa please", "Transfer me to room service",
                  "I want to speak to the restaurant", "¿Puedo hablar con la recepción?",
                  "Transfiéreme al servicio de habitaciones", "quero falar com a recepção"});
}

TEST(IntentTest, AskingAboutTheAgentOrForSalesIsNotHandoff) {
  // Whether the agent is a bot is a question about it; sales is what the agent itself does.
  ExpectNone({"are you a bot?", "am I talking to a human?", "is this a real person?",
              "are you human or ai", "¿eres un bot?", "¿hablo con una persona?", "você é um robô?",
              "estou falando com uma pessoa?", "I want to talk to sales",
              "can you connect me with sales", "quiero hablar con ventas", "quero falar com vendas",
              "is this the sales department?"});
  // A person in sales is still a person.
  ExpectRequests({"can I talk to a salesperson?", "quiero hablar con un vendedor",
                  "let me talk to someone from sales"});
}

TEST(IntentTest, AskingToBeCalledIsHandoff) {
  ExpectRequests({"call me back please", "can someone call me?", "give me a call tomorrow",
                  "llámame por favor", "¿me pueden llamar mañana?", "pode me ligar amanhã?"});
  ExpectNone({"you can call me Bob", "me llamo Juan"});
}

TEST(IntentTest, NegatedRequestIsNotHandoff) {
  ExpectNone({"no need for a human", "I don't want to talk to a person",
              "you don't need to transfer me", "I don't need an agent, thanks",
              "no quiero hablar con una persona", "no necesito un agente, gracias",
              "sin necesidad de hablar con un humano", "não preciso de atendente",
              "não quero falar com uma pessoa", "não precisa me transferir"});
}

TEST(IntentTest, NegationEndsAtTheClauseOrAConjunction) {
  ExpectRequests({"no, let me talk to someone",
                  "I don't want to make a transfer please let me speak with someone else",
                  "no quiero esperar, pero quiero hablar con alguien",
                  "não quero esperar, me passa para um atendente"});
}

TEST(IntentTest, NegativeQuestionIsStillARequest) {
  ExpectRequests({"can't I just talk to a human?", "why don't you transfer me to someone",
                  "I can't find how to talk to a human", "no sé cómo hablar con una persona",
                  "¿no me puedes pasar con alguien?"});
}

TEST(IntentTest, TalkingAboutSomethingIsNotHandoff) {
  ExpectNone({"I'd like to talk about my order", "quiero hablar de mi pedido",
              "quero falar sobre a entrega", "I need someone to clean my room",
              "can someone fix the AC?", "the person I want to pay", "reserva para dos personas",
              "send the money to someone else"});
}

TEST(IntentTest, TheAssistantAndTheCustomersOwnPeopleAreNotTargets) {
  ExpectNone({"can I talk to you about prices?", "I'll talk to my wife and get back to you",
              "voy a hablar con mi esposa", "am I talking to a real person?",
              "¿estoy hablando con una persona real?", "estou falando com uma pessoa?"});
}

TEST(IntentTest, RejectingTheMachineIsHandoff) {
  ExpectRequests({"I don't feel comfortable sharing my details with a machine",
                  "I want to stop talking to bots", "no me siento cómodo con una máquina"});
  ExpectNone({"are you a bot?", "I didn't know machines could be this helpful"});
}

TEST(IntentTest, CustomerServiceAndEscalationAreRequests) {
  ExpectRequests({"how can I contact customer service", "I need customer service",
                  "contactar con un asesor", "please escalate", "escalate this please"});
  EXPECT_EQ(Cue("customer service please"), HandoffCue::kBareRole);
  EXPECT_EQ(Cue("atención al cliente por favor"), HandoffCue::kBareRole);
  ExpectNone({"quiero escalar montañas", "how do I get a refund"});
}

TEST(IntentTest, PersonAsSubjectIsARequest) {
  ExpectRequests({"can a human help me?", "Can I have a human please",
                  "quiero que me atienda una persona", "quero ser atendido por uma pessoa",
                  "¿Hay alguien con quien pueda hablar?", "necesito ayuda de una persona real"});
  ExpectNone({"Can someone help me top up my card?", "I have an agent already",
              "¿cómo se llama el gerente?", "Can my assistant pick it up?"});
}

TEST(IntentTest, EverydayMessagesMentioningPeopleAreNotRequests) {
  ExpectNone({"My manager asked me to order 10 units", "Is the reception open 24 hours?",
              "I spoke with your colleague yesterday about my order", "I will call you later",
              "Could you pass me the link?", "¿Me pasas el precio?", "¿Me pones al día?",
              "Mi esposo te va a llamar", "Te llamo mañana", "Você pode me passar o link?",
              "Eu te ligo amanhã", "Como faço para falar sobre meu pedido?",
              "Quero reservar uma mesa para duas pessoas"});
}

TEST(IntentTest, BareRoleIsItsOwnCue) {
  for (const char* t : {"human please", "Manager", "spa team please", "real person please",
                        "atendente por favor", "recepción"}) {
    EXPECT_EQ(Cue(t), HandoffCue::kBareRole) << t;
  }
  ExpectNone({"just one person", "two little humans", "single person for 1 night"});
}

TEST(FrustrationTest, CuesInThreeLanguages) {
  for (const char* t :
       {"this is useless", "you're not helping", "this is ridiculous", "what a waste of time",
        "estoy harto", "no sirves para nada", "qué absurdo", "no me estás ayudando",
        "você não está ajudando", "estou farto disso", "this conversation is not working"}) {
    EXPECT_TRUE(Frustrated(t)) << t;
  }
}

TEST(FrustrationTest, RepeatedMarksWithShoutingOrTwiceAreFrustration) {
  EXPECT_TRUE(Frustrated("WHERE IS MY ORDER???"));
  EXPECT_TRUE(Frustrated("why???? why is this so hard???"));
  EXPECT_FALSE(Frustrated("Thanks!!!"));
  EXPECT_FALSE(Frustrated("why is my limit so low??"));
  EXPECT_FALSE(Frustrated("I NEED A ROOM FOR TWO"));
}

TEST(FrustrationTest, OrdinaryProblemsAreNotFrustration) {
  for (const char* t : {"my card is not working", "the tv is not working", "not ridiculous",
                        "I have a question about returns"}) {
    EXPECT_FALSE(Frustrated(t)) << t;
  }
}

TEST(ReadingTest, AnalyzeReportsLanguageHandoffAndFrustration) {
  EXPECT_EQ(Analyze("quiero hablar con una persona"), (Reading{core::Language::kEs, true, false}));
  EXPECT_EQ(Analyze("this is useless, let me talk to a human"),
            (Reading{core::Language::kEn, true, true}));
  EXPECT_EQ(Analyze("ok", core::Language::kPt), (Reading{core::Language::kPt, false, false}));
}

}  // namespace
}  // namespace brain
