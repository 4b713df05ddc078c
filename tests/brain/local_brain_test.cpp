#include "brain/local/local_brain.h"

#include <gtest/gtest.h>

#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace brain {
namespace {

using core::Language;

core::Product MakeProduct(std::string name, std::string price, std::optional<std::int64_t> stock,
                          std::string category, std::string description,
                          std::vector<core::ProductAttribute> attributes = {}) {
  core::Product p;
  p.name = std::move(name);
  p.sku = "SKU-" + std::to_string(p.name.size());
  p.price = std::move(price);
  p.currency = "EUR";
  p.stock = stock;
  p.category = std::move(category);
  p.description = std::move(description);
  p.attributes = std::move(attributes);
  return p;
}

core::Catalog MakeCatalog() {
  core::Catalog catalog;
  catalog.products = {
      MakeProduct("Trail Running Shoes", "79.90", 12, "Shoes",
                  "Light trail shoes with a grippy sole.", {{"Colour", "blue"}, {"Size", "38-46"}}),
      MakeProduct("Zapatillas Urbanas", "59.00", 3, "Calzado", "Zapatillas de ciudad cómodas."),
      MakeProduct("Camiseta Técnica", "19.90", 0, "Roupa", "Camiseta leve para corrida."),
      MakeProduct("Yoga Mat", "25.00", std::nullopt, "Fitness", "Non-slip mat, 6 mm thick."),
  };
  catalog.version = 1;
  return catalog;
}

core::AgentConfig MakeConfig() {
  core::AgentConfig config;
  config.company_name = "Run Shop";
  config.default_language = Language::kEn;
  config.business_context =
      "# Opening hours\n"
      "Monday to Friday 9:00-18:00, Saturday 10:00-14:00. Closed on Sundays.\n"
      "\n"
      "# Returns\n"
      "You can return unused items within 30 days with the receipt.\n"
      "\n"
      "# Dirección\n"
      "Estamos en la Calle Mayor 5, Madrid.\n";
  return config;
}

class LocalBrainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = LocalBrain::Create(MakeConfig(), MakeCatalog());
    ASSERT_TRUE(made.ok()) << made.error().message;
    brain_ = std::move(made).value();
  }

  core::Proposal Propose(std::vector<std::string> messages,
                         std::optional<core::PendingQuestion> pending = std::nullopt,
                         std::optional<Language> language = std::nullopt) {
    core::BrainInput input;
    input.customer_messages = std::move(messages);
    input.pending_question = std::move(pending);
    input.language = language;
    auto proposal = brain_->Propose(input);
    EXPECT_TRUE(proposal.ok());
    return proposal.ok() ? proposal.value() : core::Proposal{};
  }

  std::unique_ptr<LocalBrain> brain_;
};

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST_F(LocalBrainTest, AnswersProductQuestionWithPriceCurrencyAndStock) {
  const core::Proposal p = Propose({"Do you have trail running shoes?"});
  EXPECT_EQ(p.language, Language::kEn);
  EXPECT_TRUE(p.asked);
  EXPECT_TRUE(p.answered);
  EXPECT_FALSE(p.handoff);
  EXPECT_EQ(p.cited_products, (std::vector<std::string>{"Trail Running Shoes"}));
  EXPECT_TRUE(Contains(p.reply, "Trail Running Shoes")) << p.reply;
  EXPECT_TRUE(Contains(p.reply, "79.90 EUR")) << p.reply;
  EXPECT_TRUE(Contains(p.reply, "12 in stock")) << p.reply;
  EXPECT_TRUE(Contains(p.reply, "Colour: blue")) << p.reply;
}

TEST_F(LocalBrainTest, AnswersInSpanishFromASpanishCatalogEntry) {
  const core::Proposal p = Propose({"¿Cuánto cuestan las zapatillas urbanas?"});
  EXPECT_EQ(p.language, Language::kEs);
  EXPECT_TRUE(p.answered);
  EXPECT_EQ(p.cited_products, (std::vector<std::string>{"Zapatillas Urbanas"}));
  EXPECT_TRUE(Contains(p.reply, "59.00 EUR, 3 en stock")) << p.reply;
}

TEST_F(LocalBrainTest, SaysOutOfStockInPortuguese) {
  const core::Proposal p = Propose({"Vocês têm camisetas técnicas?"});
  EXPECT_EQ(p.language, Language::kPt);
  EXPECT_TRUE(p.answered);
  EXPECT_TRUE(Contains(p.reply, "19.90 EUR, esgotado")) << p.reply;
}

TEST_F(LocalBrainTest, UnknownStockAndPriceAreLeftOut) {
  const core::Proposal p = Propose({"yoga mat?"});
  EXPECT_TRUE(p.answered);
  EXPECT_TRUE(Contains(p.reply, "Yoga Mat: 25.00 EUR.")) << p.reply;
  EXPECT_FALSE(Contains(p.reply, "stock")) << p.reply;
}

TEST_F(LocalBrainTest, AnswersFromTheBusinessContext) {
  const core::Proposal p = Propose({"What are your opening hours?"});
  EXPECT_TRUE(p.asked);
  EXPECT_TRUE(p.answered);
  EXPECT_TRUE(p.cited_products.empty());
  EXPECT_TRUE(Contains(p.reply, "Monday to Friday 9:00-18:00")) << p.reply;

  const core::Proposal returns = Propose({"can I return an item?"});
  EXPECT_TRUE(returns.answered);
  EXPECT_TRUE(Contains(returns.reply, "30 days")) << returns.reply;
}

TEST_F(LocalBrainTest, TopicWordsFindContextWrittenInAnotherLanguage) {
  const core::Proposal hours = Propose({"¿Cuál es el horario?"});
  EXPECT_EQ(hours.language, Language::kEs);
  EXPECT_TRUE(hours.answered);
  EXPECT_TRUE(Contains(hours.reply, "Esto es lo que puedo decirte:")) << hours.reply;
  EXPECT_TRUE(Contains(hours.reply, "Monday to Friday")) << hours.reply;

  const core::Proposal address = Propose({"where are you located?"});
  EXPECT_TRUE(address.answered);
  EXPECT_TRUE(Contains(address.reply, "Calle Mayor 5")) << address.reply;
}

TEST_F(LocalBrainTest, UnrelatedQuestionGetsTheHonestFallback) {
  const core::Proposal p = Propose({"Do you sell pizza?"});
  EXPECT_TRUE(p.asked);
  EXPECT_FALSE(p.answered);
  EXPECT_FALSE(p.handoff);
  EXPECT_TRUE(Contains(p.reply, "connect you with someone from our team")) << p.reply;

  const core::Proposal es = Propose({"¿Hacen pizzas a domicilio?"});
  EXPECT_EQ(es.language, Language::kEs);
  EXPECT_FALSE(es.answered);
  EXPECT_TRUE(Contains(es.reply, "alguien de nuestro equipo")) << es.reply;
}

TEST_F(LocalBrainTest, HandoffRequestProposesHandoffWithoutReply) {
  const core::Proposal p = Propose({"hola", "quiero hablar con una persona"});
  ASSERT_TRUE(p.handoff);
  EXPECT_EQ(p.handoff->reason, core::HandoffReason::kCustomerRequest);
  EXPECT_TRUE(Contains(p.handoff->detail, "quiero hablar con una persona"));
  EXPECT_EQ(p.language, Language::kEs);
  EXPECT_TRUE(p.reply.empty());
}

TEST_F(LocalBrainTest, NegatedRequestIsAnsweredNotHandedOff) {
  const core::Proposal p = Propose({"no need for a human, how much are the trail running shoes?"});
  EXPECT_FALSE(p.handoff);
  EXPECT_TRUE(p.answered);
}

TEST_F(LocalBrainTest, FrustrationProposesHandoff) {
  const core::Proposal p = Propose({"this is useless"});
  ASSERT_TRUE(p.handoff);
  EXPECT_EQ(p.handoff->reason, core::HandoffReason::kFrustration);
}

TEST_F(LocalBrainTest, PendingQuestionAnswerIsRecorded) {
  const core::Proposal p =
      Propose({"  around 500 euros  "}, core::PendingQuestion{2, "Budget?", "Budget"});
  ASSERT_TRUE(p.answer);
  EXPECT_EQ(p.answer->question_index, 2);
  EXPECT_EQ(p.answer->answer, "around 500 euros");
  EXPECT_FALSE(p.asked);
  EXPECT_EQ(p.reply, "Thanks!");
}

TEST_F(LocalBrainTest, QuestionInsteadOfAnAnswerIsAnsweredNotRecorded) {
  const core::Proposal p = Propose({"how much are the trail running shoes?"},
                                   core::PendingQuestion{0, "Budget?", "Budget"});
  EXPECT_FALSE(p.answer);
  EXPECT_TRUE(p.asked);
  EXPECT_TRUE(p.answered);
}

TEST_F(LocalBrainTest, BareRoleAnswersAPendingQuestion) {
  const core::Proposal p = Propose({"Manager"}, core::PendingQuestion{1, "Your role?", "Role"});
  EXPECT_FALSE(p.handoff);
  ASSERT_TRUE(p.answer);
  EXPECT_EQ(p.answer->answer, "Manager");
  // Without a pending question the same word asks for a manager.
  EXPECT_TRUE(Propose({"Manager"}).handoff);
}

TEST_F(LocalBrainTest, AProblemDescribedFirstAnswersTheQuestionAskingForIt) {
  const auto with_next = [&](std::string message, std::string question,
                             std::span<const core::Message> history = {}) {
    core::BrainInput input;
    input.customer_messages = {std::move(message)};
    input.next_question = core::PendingQuestion{0, std::move(question), "Need"};
    input.history = history;
    auto proposal = brain_->Propose(input);
    EXPECT_TRUE(proposal.ok());
    return proposal.ok() ? proposal.value() : core::Proposal{};
  };
  const core::Proposal p = with_next("Hi! My trail shoes broke after a week", "What do you need?");
  ASSERT_TRUE(p.answer);
  EXPECT_EQ(p.answer->question_index, 0);
  EXPECT_EQ(p.answer->answer, "My trail shoes broke after a week");
  // Not a question asking for the need, not a need, or not the customer's first words.
  EXPECT_FALSE(with_next("My trail shoes broke", "When do you need them?").answer);
  EXPECT_FALSE(with_next("Hello!", "What do you need?").answer);
  EXPECT_FALSE(with_next("what are your opening hours?", "What do you need?").answer);
  core::Message greeting;
  greeting.author = core::Author::kAi;
  greeting.text = "Hi, I'm the shop's assistant.";
  const std::vector<core::Message> history{greeting};
  EXPECT_FALSE(with_next("My trail shoes broke", "What do you need?", history).answer);
}

TEST_F(LocalBrainTest, GreetingIsNotAnAnswer) {
  const core::Proposal p = Propose({"hi!"}, core::PendingQuestion{0, "Budget?", "Budget"});
  EXPECT_FALSE(p.answer);
  EXPECT_EQ(p.reply, "Hi! How can I help you?");
}

TEST_F(LocalBrainTest, SmallTalkGetsABriefReplyOrNone) {
  const core::Proposal thanks = Propose({"¡muchas gracias!"});
  EXPECT_FALSE(thanks.asked);
  EXPECT_EQ(thanks.reply, "¡De nada!");
  EXPECT_EQ(Propose({"olá"}).reply, "Olá! Como posso ajudar?");
  EXPECT_EQ(Propose({"ok"}).reply, "");
}

TEST_F(LocalBrainTest, YesToTheOfferOfAPersonHandsOff) {
  core::Message offer;
  offer.author = core::Author::kAi;
  offer.text =
      "I'm not sure about that. Would you like me to connect you with someone from our "
      "team?";
  core::Message question;
  question.author = core::Author::kCustomer;
  question.text = "do you sell pizza?";
  const std::vector<core::Message> history = {question, offer};
  core::BrainInput input;
  input.history = history;
  input.customer_messages = {"yes please"};
  auto p = brain_->Propose(input);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->handoff);
  EXPECT_EQ(p->handoff->reason, core::HandoffReason::kCustomerRequest);

  input.history = {};
  EXPECT_FALSE(brain_->Propose(input)->handoff);
}

TEST_F(LocalBrainTest, LanguageFallsBackToTheConversationThenTheConfig) {
  EXPECT_EQ(Propose({"ok"}, std::nullopt, Language::kPt).language, Language::kPt);
  EXPECT_EQ(Propose({"ok"}).language, Language::kEn);
  core::AgentConfig config = MakeConfig();
  config.default_language = Language::kEs;
  auto spanish = LocalBrain::Create(config, MakeCatalog());
  ASSERT_TRUE(spanish.ok());
  core::BrainInput input;
  input.customer_messages = {"ok"};
  EXPECT_EQ(spanish.value()->Propose(input)->language, Language::kEs);
}

TEST_F(LocalBrainTest, EmptyMessagesProposeNothing) {
  const core::Proposal p = Propose({});
  EXPECT_TRUE(p.reply.empty());
  EXPECT_FALSE(p.handoff);
  EXPECT_FALSE(p.asked);
  EXPECT_TRUE(Propose({"👍"}).reply.empty());
}

TEST_F(LocalBrainTest, TwoThreadsProposeTheSameAsOne) {
  const std::vector<std::vector<std::string>> messages = {
      {"Do you have trail running shoes?"}, {"¿Cuánto cuestan las zapatillas urbanas?"},
      {"Vocês têm camisetas técnicas?"},    {"What are your opening hours?"},
      {"I want to talk to a person"},       {"Do you sell pizza?"}};
  std::vector<std::string> expected;
  for (const auto& m : messages) expected.push_back(Propose(m).reply);
  constexpr int kRounds = 300;
  int mismatches[2] = {0, 0};
  auto work = [&](int slot) {
    for (int round = 0; round < kRounds; ++round) {
      const std::size_t i = (round + slot) % messages.size();
      core::BrainInput input;
      input.customer_messages = messages[i];
      auto p = brain_->Propose(input);
      mismatches[slot] += !p.ok() || p->reply != expected[i];
    }
  };
  std::thread a(work, 0);
  std::thread b(work, 1);
  a.join();
  b.join();
  EXPECT_EQ(mismatches[0] + mismatches[1], 0);
}

}  // namespace
}  // namespace brain
