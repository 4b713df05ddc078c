// Replies to a pending qualification question that are not its answer (small talk, not knowing
// yet, a question back) and replies that are, in English, Spanish and Portuguese, read by the
// local brain.
#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "brain/local/clause.h"
#include "brain/local/local_brain.h"
#include "brain/local/question.h"
#include "text/tokenizer.h"

namespace brain {
namespace {

constexpr const char* kEnglishNonAnswers[] = {
    "ok",
    "okay thanks",
    "not sure",
    "I don't know yet",
    "no idea",
    "hmm not sure",
    "thanks!",
    "hello",
    "good morning",
    "cool",
    "got it",
    "what do you mean?",
    "I'm not sure yet",
    "no idea, sorry",
    "dunno",
    "maybe",
    "it depends",
    "hi there",
    "thank you so much",
    "great, thanks",
    "sorry, what?",
    "can you explain?",
    "haven't decided yet",
    "good afternoon",
    "I have no idea",
    "alright",
    "understood",
    "what are the options?",
};

constexpr const char* kSpanishNonAnswers[] = {
    "vale",
    "no sé",
    "ni idea",
    "todavía no lo sé",
    "gracias!",
    "buenos días",
    "¿qué quieres decir?",
    "hola",
    "perfecto, gracias",
    "muchas gracias",
    "no estoy seguro",
    "aún no lo sé",
    "depende",
    "quizás",
    "genial",
    "entendido",
    "buenas tardes",
    "de acuerdo",
    "¿cómo?",
    "ni idea, perdón",
    "vale, gracias",
    "¿a qué te refieres?",
    "la verdad es que no lo sé",
    "no sabría decirte",
    "mmm no sé",
    "yo qué sé",
};

constexpr const char* kPortugueseNonAnswers[] = {
    "beleza",
    "não sei",
    "sei lá",
    "ainda não sei",
    "obrigado!",
    "bom dia",
    "como assim?",
    "oi",
    "valeu",
    "tá bom",
    "não tenho certeza",
    "talvez",
    "depende",
    "boa tarde",
    "muito obrigada",
    "entendi",
    "perfeito, obrigado",
    "não faço ideia",
    "ainda não decidi",
    "combinado",
    "o que você quer dizer?",
    "olá",
    "blz",
    "não sei ainda, desculpa",
    "ok, valeu",
    "não saberia dizer",
    "nem ideia",
    "show, valeu",
};

constexpr const char* kAnswers[] = {
    // en
    "a work visa",
    "tax filing for my company",
    "just me",
    "12 people",
    "next month",
    "around 2000 dollars",
    "for my family",
    "as soon as possible",
    "residency renewal for my wife",
    "I need help with my tax return",
    // es
    "un visado de trabajo",
    "para mi empresa",
    "unos 3000 euros",
    "la semana que viene",
    "somos 4 personas",
    "renovar la residencia",
    "la declaración de la renta",
    // pt
    "o mais rápido possível",
    "abrir uma empresa",
    "para minha família",
    "uns 2 mil reais",
    "visto de trabalho",
    "no próximo mês",
    "sou eu mesmo",
};

core::AgentConfig MakeConfig() {
  core::AgentConfig config;
  config.company_name = "Harbour Advisors";
  config.default_language = core::Language::kEn;
  config.business_context =
      "# Services\n"
      "We help with visas, residency permits, tax returns and opening a company.\n"
      "\n"
      "# Opening hours\n"
      "Monday to Friday 9:00-18:00.\n"
      "\n"
      "# Horario\n"
      "De lunes a viernes de 9:00 a 18:00.\n";
  return config;
}

core::Catalog MakeCatalog() {
  core::Catalog catalog;
  core::Product visa;
  visa.name = "Work visa application";
  visa.price = "450.00";
  visa.currency = "EUR";
  visa.category = "Immigration";
  catalog.products.push_back(visa);
  catalog.version = 1;
  return catalog;
}

const core::PendingQuestion kWhichService{0, "Which service do you need help with?", "Service"};
const core::PendingQuestion kBudget{1, "Do you have a budget in mind?", "Budget"};
const core::PendingQuestion kForWhom{2, "Is this for yourself, your family or a company?", "For"};

class NonAnswerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = LocalBrain::Create(MakeConfig(), MakeCatalog());
    ASSERT_TRUE(made.ok()) << made.error().message;
    brain_ = std::move(made).value();
  }

  // The proposal for one reply to `pending`; the input lives until Propose returns.
  core::Proposal Propose(const std::string& reply, const core::PendingQuestion& pending) {
    core::BrainInput input;
    input.customer_messages = {reply};
    input.pending_question = pending;
    auto proposal = brain_->Propose(input);
    EXPECT_TRUE(proposal.ok()) << reply;
    return proposal.ok() ? proposal.value() : core::Proposal{};
  }

  void ExpectNotStored(std::span<const char* const> replies) {
    for (const char* reply : replies) {
      const core::Proposal p = Propose(reply, kWhichService);
      EXPECT_FALSE(p.answer) << reply << " was stored as the answer";
      EXPECT_FALSE(p.handoff) << reply << " handed off: " << p.handoff->detail;
    }
  }

  std::unique_ptr<LocalBrain> brain_;
};

TEST_F(NonAnswerTest, TablesHoldEnoughRepliesOfEachLanguage) {
  EXPECT_GE(std::size(kEnglishNonAnswers), 20u);
  EXPECT_GE(std::size(kSpanishNonAnswers), 20u);
  EXPECT_GE(std::size(kPortugueseNonAnswers), 20u);
  EXPECT_GE(std::size(kAnswers), 20u);
}

TEST_F(NonAnswerTest, EnglishSmallTalkDoubtAndQuestionsAreNotAnswers) {
  ExpectNotStored(kEnglishNonAnswers);
}

TEST_F(NonAnswerTest, SpanishSmallTalkDoubtAndQuestionsAreNotAnswers) {
  ExpectNotStored(kSpanishNonAnswers);
}

TEST_F(NonAnswerTest, PortugueseSmallTalkDoubtAndQuestionsAreNotAnswers) {
  ExpectNotStored(kPortugueseNonAnswers);
}

TEST_F(NonAnswerTest, SureAndIKnowAreNotDoubts) {
  // Words of doubt only doubt when negated: "sure" or "I know" is no "not sure".
  EXPECT_TRUE(IsUnsure(SplitClauses(text::Tokenize("not sure"))));
  for (const char* reply :
       {"sure", "I'm sure", "I know", "sei", "lo sé", "I'm sure, a work visa"}) {
    EXPECT_FALSE(IsUnsure(SplitClauses(text::Tokenize(reply)))) << reply;
  }
}

TEST_F(NonAnswerTest, RealAnswersAreStoredAsTheyWereWritten) {
  for (const char* reply : kAnswers) {
    const core::Proposal p = Propose(reply, kWhichService);
    ASSERT_TRUE(p.answer) << reply << " was not stored";
    EXPECT_EQ(p.answer->question_index, kWhichService.index) << reply;
    EXPECT_EQ(p.answer->answer, reply);
    EXPECT_FALSE(p.handoff) << reply;
  }
}

TEST_F(NonAnswerTest, AnswersAreStoredWithoutTheSpacesAroundThem) {
  const core::Proposal p = Propose("  tax filing for my company \n", kWhichService);
  ASSERT_TRUE(p.answer);
  EXPECT_EQ(p.answer->answer, "tax filing for my company");
}

TEST_F(NonAnswerTest, BareYesOrNoAnswersOnlyAQuestionAskedForOne) {
  const core::PendingQuestion budget_es{1, "¿Tiene un presupuesto en mente?", "Presupuesto"};
  const core::PendingQuestion budget_pt{1, "Você tem um orçamento em mente?", "Orçamento"};
  for (const char* reply : {"yes", "no", "sí", "não", "yes!", "nope", "sim"}) {
    for (const core::PendingQuestion* pending : {&kBudget, &budget_es, &budget_pt}) {
      const core::Proposal p = Propose(reply, *pending);
      ASSERT_TRUE(p.answer) << reply << " to " << pending->text;
      EXPECT_EQ(p.answer->question_index, pending->index);
      EXPECT_EQ(p.answer->answer, reply);
    }
    for (const core::PendingQuestion* pending : {&kWhichService, &kForWhom}) {
      EXPECT_FALSE(Propose(reply, *pending).answer) << reply << " to " << pending->text;
    }
  }
}

TEST_F(NonAnswerTest, UnsureOrSmallTalkIsNotAnAnswerEvenToAYesOrNoQuestion) {
  for (const char* reply : {"not sure", "no sé", "não sei", "thanks!", "hello", "bom dia"}) {
    EXPECT_FALSE(Propose(reply, kBudget).answer) << reply;
  }
}

TEST_F(NonAnswerTest, AnAnswerToAQuestionWithAlternativesIsStored) {
  for (const char* reply : {"for my company", "para mi familia", "para mim mesmo"}) {
    const core::Proposal p = Propose(reply, kForWhom);
    ASSERT_TRUE(p.answer) << reply;
    EXPECT_EQ(p.answer->question_index, kForWhom.index);
  }
}

TEST_F(NonAnswerTest, NotKnowingYetIsMetWithAReplyNotSilence) {
  for (const char* reply : {"not sure", "no sé", "não sei"}) {
    const core::Proposal p = Propose(reply, kWhichService);
    EXPECT_FALSE(p.answer) << reply;
    EXPECT_FALSE(p.reply.empty()) << reply;
    EXPECT_FALSE(p.asked) << reply;
  }
}

}  // namespace
}  // namespace brain
