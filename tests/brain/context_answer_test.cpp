// The local brain over a business context as owners write it: facts answered by the sentences
// that fit, rules followed and never shown, topics kept for people handed off.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "brain/local/local_brain.h"
#include "brain/local/replies.h"

namespace brain {
namespace {

using core::Language;

constexpr const char* kRules[] = {
    "Wholesale or trade orders (10 or more units of one item, shops, hotels, restaurants) are "
    "handled by a person: hand the conversation to the team.",
    "Complaints and refunds already requested are handled by a person.",
    "Never promise a delivery date or a discount that is not written here.",
    "Always ask for the bike's model before quoting a repair.",
};

core::AgentConfig BikeShop() {
  core::AgentConfig config;
  config.company_name = "Spoke & Chain";
  config.default_language = Language::kEn;
  config.website = "https://spoke.example";
  config.social_links = {"https://instagram.com/spoke.example",
                         "https://www.facebook.com/spoke.example"};
  config.business_context =
      "# Opening hours (horario / horário)\n"
      "- Monday to Friday: 9:00 to 18:00\n"
      "- Saturday: 10:00 to 14:00\n"
      "- Sunday: closed\n"
      "\n"
      "# Workshop\n"
      "We repair all kinds of bikes, e-bikes included. A tune-up takes about 2 hours and costs\n"
      "45 USD. Wheel truing is done while you wait.\n"
      "\n"
      "# Address\n"
      "Spoke & Chain, 5 River Road, Springfield.\n"
      "Street parking is free after 18:00.\n"
      "\n"
      "# Rules for the assistant\n"
      "- " +
      std::string(kRules[0]) +
      "\n"
      "- " +
      kRules[1] +
      "\n"
      "- " +
      kRules[2] +
      "\n"
      "- " +
      kRules[3] +
      "\n"
      "- There are no discount codes at the moment.\n";
  return config;
}

class ContextAnswerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = LocalBrain::Create(BikeShop(), core::Catalog{});
    ASSERT_TRUE(made.ok()) << made.error().message;
    brain_ = std::move(made).value();
  }

  core::Proposal Propose(std::string message, std::vector<core::Message> history = {}) {
    history_ = std::move(history);
    core::BrainInput input;
    input.customer_messages = {std::move(message)};
    input.history = history_;
    auto proposal = brain_->Propose(input);
    EXPECT_TRUE(proposal.ok());
    return proposal.ok() ? proposal.value() : core::Proposal{};
  }

  std::unique_ptr<LocalBrain> brain_;
  std::vector<core::Message> history_;
};

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// No 30 characters of a rule in the reply, nor the heading that names them.
void ExpectNoRuleShown(const core::Proposal& p) {
  for (const char* rule : kRules) {
    const std::string words(rule);
    for (std::size_t at = 0; at + 30 <= words.size(); at += 10) {
      EXPECT_FALSE(Contains(p.reply, words.substr(at, 30))) << p.reply;
    }
  }
  EXPECT_FALSE(Contains(p.reply, "Rules for the assistant")) << p.reply;
}

TEST_F(ContextAnswerTest, ATopicKeptForPeopleHandsOffNamingTheRule) {
  for (const char* message :
       {"do you do wholesale orders for my restaurant?",
        "I'd like to place a trade order for my shop", "I want to make a complaint"}) {
    const core::Proposal p = Propose(message);
    ASSERT_TRUE(p.handoff) << message << " -> " << p.reply;
    EXPECT_EQ(p.handoff->reason, core::HandoffReason::kReservedTopic) << message;
    EXPECT_TRUE(Contains(p.handoff->detail, "keeps this topic for people")) << p.handoff->detail;
    ExpectNoRuleShown(p);
  }
  const core::Proposal wholesale = Propose("do you do wholesale orders for my restaurant?");
  EXPECT_TRUE(Contains(wholesale.handoff->detail, "Wholesale or trade orders"))
      << wholesale.handoff->detail;
}

TEST_F(ContextAnswerTest, AnAnswerOnATopicKeptForPeopleIsKeptWithTheHandoff) {
  core::BrainInput input;
  const std::vector<std::string> said = {"A restaurant"};
  input.customer_messages = said;
  input.pending_question = core::PendingQuestion{0, "What kind of business are you?", "Business"};
  const core::Proposal p = brain_->Propose(input).value();
  ASSERT_TRUE(p.handoff);
  EXPECT_EQ(p.handoff->reason, core::HandoffReason::kReservedTopic);
  ASSERT_TRUE(p.answer);
  EXPECT_EQ(p.answer->answer, "A restaurant");
}

TEST_F(ContextAnswerTest, RulesAreFollowedNeverRecited) {
  for (const char* message : {"any discount codes?", "can I get a discount?", "what are the rules?",
                              "when will my bike be delivered?", "how much is a repair?"}) {
    ExpectNoRuleShown(Propose(message));
  }
  const core::Proposal codes = Propose("any discount codes?");
  EXPECT_TRUE(codes.answered);
  EXPECT_TRUE(Contains(codes.reply, "There are no discount codes at the moment.")) << codes.reply;
}

TEST_F(ContextAnswerTest, AnAnswerIsTheSentencesThatFitNotTheWholePassage) {
  const core::Proposal saturday = Propose("are you open on saturday?");
  EXPECT_TRUE(saturday.answered);
  EXPECT_TRUE(Contains(saturday.reply, "Saturday: 10:00 to 14:00")) << saturday.reply;
  EXPECT_FALSE(Contains(saturday.reply, "Monday")) << saturday.reply;
  EXPECT_FALSE(Contains(saturday.reply, "(horario")) << saturday.reply;

  const core::Proposal tune_up = Propose("how long does a tune-up take?");
  EXPECT_TRUE(tune_up.answered);
  EXPECT_TRUE(Contains(tune_up.reply, "about 2 hours")) << tune_up.reply;
  EXPECT_FALSE(Contains(tune_up.reply, "Wheel truing")) << tune_up.reply;
}

TEST_F(ContextAnswerTest, FactsAreFoundWhenTheWordingDiffers) {
  const struct {
    const char* message;
    const char* expected;
  } cases[] = {
      {"do you fix e-bikes?", "e-bikes included"},
      {"what time do you close today?", "18:00"},
      {"how long does a tune-up take?", "2 hours"},
      {"¿a qué hora cierran?", "18:00"},
      {"vocês consertam bicicletas?", "We repair all kinds of bikes"},
      {"¿dónde están ubicados?", "5 River Road"},
  };
  for (const auto& c : cases) {
    const core::Proposal p = Propose(c.message);
    EXPECT_TRUE(p.answered) << c.message << " -> " << p.reply;
    EXPECT_TRUE(Contains(p.reply, c.expected)) << c.message << " -> " << p.reply;
  }
}

TEST_F(ContextAnswerTest, WhereIsAsksForTheAddressNotForARuleSharingAWord) {
  // "shop" is also a word of the rule keeping orders from shops for people.
  const core::Proposal p = Propose("where is the shop?");
  EXPECT_FALSE(p.handoff) << p.reply;
  EXPECT_TRUE(p.answered);
  EXPECT_TRUE(Contains(p.reply, "Address")) << p.reply;
  // Where the customer's own things are is not the address.
  EXPECT_FALSE(Contains(Propose("where is my bike?").reply, "5 River Road"));
}

TEST_F(ContextAnswerTest, OneWordFoundInOtherWordsIsEnoughOnlyAcrossLanguages) {
  // "consertam" finds "repair" in an English context: "bicicletas" may only lack its translation.
  EXPECT_TRUE(Propose("vocês consertam bicicletas?").answered);
  // In the context's own language, "fix" standing for "repair" is one word of two.
  const core::Proposal cars = Propose("do you fix cars?");
  EXPECT_FALSE(cars.answered) << cars.reply;
}

// The context as an FAQ: a section's heading is its question, its answer spread over sentences.
core::Proposal AskFaq(const std::string& question) {
  core::AgentConfig config;
  config.company_name = "Springfield Clinic";
  config.default_language = Language::kEn;
  config.business_context =
      "# Can I bring my children to the appointment?\n"
      "Yes. Children under 12 must stay with an adult. The waiting room has a play corner.\n"
      "\n"
      "# How do I cancel an appointment?\n"
      "Call the front desk at least 24 hours before. Late cancellations are charged 20 USD.\n"
      "\n"
      "# Do you treat sports injuries?\n"
      "Our physiotherapists treat sprains, strains and running injuries.\n";
  auto brain = LocalBrain::Create(config, core::Catalog{});
  EXPECT_TRUE(brain.ok());
  core::BrainInput input;
  input.customer_messages = {question};
  auto p = (*brain)->Propose(input);
  EXPECT_TRUE(p.ok());
  return p.ok() ? p.value() : core::Proposal{};
}

TEST(ContextSectionTest, AQuestionIsAnsweredByTheSectionItsWordsPointToTogether) {
  // Asked in other words ("cannot come" for "cancel"): the section's words found together.
  const core::Proposal cancel = AskFaq("should I call the desk or pay a fee when I cannot come?");
  EXPECT_TRUE(cancel.answered) << cancel.reply;
  EXPECT_TRUE(Contains(cancel.reply, "at least 24 hours before")) << cancel.reply;
  // A word the context never uses ("kids") weighs less: the rest of the question still finds
  // the section about bringing children.
  const core::Proposal kids = AskFaq("can I bring my kids to the appointment?");
  EXPECT_TRUE(kids.answered) << kids.reply;
  EXPECT_TRUE(Contains(kids.reply, "Children under 12")) << kids.reply;
  // One word of several is too little to answer from ("injuries" of "car accident injuries").
  const core::Proposal car = AskFaq("do you handle car accident insurance claims?");
  EXPECT_FALSE(car.answered) << car.reply;
}

// A word the context never uses may be the start of one it does: "master" for "Mastercard".
TEST(ContextWordStartTest, AWordTheContextLacksFindsTheLongerWordItStarts) {
  core::AgentConfig config;
  config.company_name = "Spoke & Chain";
  config.default_language = Language::kEn;
  config.business_context =
      "# Cards\nMastercard and Visa are fine.\n\n"
      "# Workshop\nA tune-up takes about 2 hours.\n";
  auto brain = LocalBrain::Create(config, core::Catalog{});
  ASSERT_TRUE(brain.ok()) << brain.error().message;
  core::BrainInput input;
  input.customer_messages = {"what about master?"};
  const auto p = (*brain)->Propose(input);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->answered) << p->reply;
  EXPECT_TRUE(Contains(p->reply, "Mastercard")) << p->reply;
}

TEST_F(ContextAnswerTest, CompanyInfoAnswersTheQuestionsItFits) {
  const core::Proposal instagram = Propose("what is your instagram?");
  EXPECT_TRUE(instagram.answered);
  EXPECT_TRUE(Contains(instagram.reply, "Instagram: https://instagram.com/spoke.example"))
      << instagram.reply;
  EXPECT_FALSE(Contains(instagram.reply, "facebook")) << instagram.reply;

  const core::Proposal social = Propose("are you on social media?");
  EXPECT_TRUE(Contains(social.reply, "instagram.com/spoke.example")) << social.reply;
  EXPECT_TRUE(Contains(social.reply, "Facebook: https://www.facebook.com/spoke.example"))
      << social.reply;

  const core::Proposal website = Propose("do you have a website?");
  EXPECT_TRUE(Contains(website.reply, "https://spoke.example")) << website.reply;
}

TEST_F(ContextAnswerTest, ARequestPhrasedAsAStatementIsAnswered) {
  for (const char* message :
       {"I need the opening hours", "give me your address", "tell me the opening hours"}) {
    const core::Proposal p = Propose(message);
    EXPECT_TRUE(p.answered) << message << " -> " << p.reply;
  }
}

TEST_F(ContextAnswerTest, AgreementToTheOfferOfAPersonIsUnderstood) {
  const struct {
    const char* yes;
    Language language;
  } cases[] = {{"yes please", Language::kEn},
               {"sure, thanks", Language::kEn},
               {"that would be great", Language::kEn},
               {"sí, por favor", Language::kEs},
               {"pode ser", Language::kPt}};
  for (const auto& c : cases) {
    core::Message offer;
    offer.author = core::Author::kAi;
    offer.text = Fallback(c.language);
    const core::Proposal p = Propose(c.yes, {offer});
    ASSERT_TRUE(p.handoff) << c.yes << " -> " << p.reply;
    EXPECT_EQ(p.handoff->reason, core::HandoffReason::kCustomerRequest) << c.yes;
  }
  core::Message offer;
  offer.author = core::Author::kAi;
  offer.text = Fallback(Language::kEn);
  for (const char* no : {"no thanks", "thanks", "no, I'm fine"}) {
    EXPECT_FALSE(Propose(no, {offer}).handoff) << no;
  }
}

core::Product Chain(std::string sku, std::string speed, std::string price) {
  core::Product p;
  p.name = "Bike chain";
  p.sku = std::move(sku);
  p.price = std::move(price);
  p.currency = "USD";
  p.stock = 5;
  p.description = "Nickel-plated chain, 116 links.";
  p.attributes = {{"speed", std::move(speed)}};
  return p;
}

TEST(ProductSpecTest, WhatTheCustomerSpecifiedIsRespected) {
  core::Catalog catalog;
  catalog.products = {Chain("CH-11", "11-speed", "39.00"), Chain("CH-9", "9-speed", "24.00")};
  auto made = LocalBrain::Create(BikeShop(), catalog);
  ASSERT_TRUE(made.ok());
  const auto propose = [&](std::string message) {
    core::BrainInput input;
    const std::vector<std::string> said = {std::move(message)};
    input.customer_messages = said;
    return (*made)->Propose(input).value();
  };

  // Nothing fits: said so, and the closest named as alternatives.
  const core::Proposal ten = propose("do you have a chain for a 10-speed bike?");
  EXPECT_TRUE(ten.answered);
  EXPECT_TRUE(Contains(ten.reply, "I couldn't find one for 10 speed.")) << ten.reply;
  EXPECT_TRUE(Contains(ten.reply, "The closest we have:")) << ten.reply;
  EXPECT_TRUE(Contains(ten.reply, "speed: 11-speed")) << ten.reply;

  // One fits: only it.
  const core::Proposal eleven = propose("I need a chain for an 11 speed bike");
  EXPECT_TRUE(Contains(eleven.reply, "39.00 USD")) << eleven.reply;
  EXPECT_FALSE(Contains(eleven.reply, "24.00 USD")) << eleven.reply;
  EXPECT_FALSE(Contains(eleven.reply, "couldn't find")) << eleven.reply;

  // Nothing specified: both.
  const core::Proposal any = propose("do you sell bike chains?");
  EXPECT_TRUE(Contains(any.reply, "39.00 USD") && Contains(any.reply, "24.00 USD")) << any.reply;

  // The number and its unit in one word.
  const core::Proposal nine = propose("bike chain 9speed?");
  EXPECT_TRUE(Contains(nine.reply, "24.00 USD")) << nine.reply;
  EXPECT_FALSE(Contains(nine.reply, "39.00 USD")) << nine.reply;
}

}  // namespace
}  // namespace brain
