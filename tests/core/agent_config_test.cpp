#include "core/agent_config.h"

#include <gtest/gtest.h>

namespace core {
namespace {

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  return fields;
}

TEST(AgentConfigTest, PublishNamesEveryMissingField) {
  AgentConfig config;
  EXPECT_EQ(Fields(ValidateForPublish(config)), (std::vector<std::string>{"greeting", "workflow"}));
  config.workflow = WorkflowKind::kQualifyAndTransfer;
  config.greeting = "Hi!";
  EXPECT_EQ(Fields(ValidateForPublish(config)), (std::vector<std::string>{"questions"}));
  config.questions.push_back({"What is your budget?", "Budget"});
  EXPECT_TRUE(ValidateForPublish(config).empty());
}

TEST(AgentConfigTest, HandoffWorkflowNeedsNoQuestions) {
  AgentConfig config;
  config.greeting = "Hi!";
  config.workflow = WorkflowKind::kHandoffToHuman;
  EXPECT_TRUE(ValidateForPublish(config).empty());
}

TEST(AgentConfigTest, DraftLimits) {
  AgentConfig config;
  config.questions.assign(kMaxQuestions + 1, Question{"q?", ""});
  config.questions[3].text = "  ";
  config.questions[4].label = std::string(kMaxQuestionLabelChars + 1, 'x');
  config.business_context = std::string(kMaxBusinessContextChars + 1, 'a');
  config.pause = base::Duration{0};
  config.debounce = std::chrono::minutes{5};
  config.translations[Language::kEs].questions = {"¿uno?"};
  EXPECT_EQ(Fields(ValidateDraft(config)),
            (std::vector<std::string>{"questions", "questions[3].text", "questions[4].label",
                                      "business_context", "pause", "debounce",
                                      "translations.es.questions"}));
}

TEST(AgentConfigTest, AChoiceNeedsItsChoicesAndOnlyAChoiceHasThem) {
  AgentConfig config;
  config.questions = {{"Which?", "", QuestionType::kChoice, {"Only one"}},
                      {"Email?", "", QuestionType::kEmail, {"a", "b"}},
                      {"Which?", "", QuestionType::kChoice, {"Yes", " "}},
                      {"Which?", "", QuestionType::kChoice, {"Yes", "No"}, true}};
  EXPECT_EQ(Fields(ValidateDraft(config)),
            (std::vector<std::string>{"questions[0].choices", "questions[1].choices",
                                      "questions[2].choices[1]"}));
}

TEST(AgentConfigTest, TextLimits) {
  AgentConfig config;
  const std::string name(kMaxNameChars, 'n');
  const std::string text(kMaxTextChars, 't');
  config.company_name = config.industry = config.website = config.agent_name = name;
  config.social_links.assign(kMaxSocialLinks, name);
  config.greeting = config.communication_style = config.handoff_message = text;
  config.resume_notice = config.qualified_message = text;
  config.questions = {{text, "Label"}};
  config.translations[Language::kPt] = {text, text, text, text, {text}};
  EXPECT_TRUE(ValidateDraft(config).empty());

  config.company_name += "n";
  config.social_links.push_back("x");
  config.social_links[1] += "n";
  config.greeting += "t";
  config.questions[0].text += "t";
  config.translations[Language::kPt].questions[0] += "t";
  config.translations[Language::kPt].handoff_message += "t";
  EXPECT_EQ(Fields(ValidateDraft(config)),
            (std::vector<std::string>{"company_name", "social_links", "social_links[1]", "greeting",
                                      "questions[0].text", "translations.pt.handoff_message",
                                      "translations.pt.questions[0]"}));
}

TEST(AgentConfigTest, ContextLimitCountsCharactersNotBytes) {
  AgentConfig config;
  std::string context;
  for (std::size_t i = 0; i < kMaxBusinessContextChars; ++i) context += "ñ";
  config.business_context = context;
  EXPECT_TRUE(ValidateDraft(config).empty());
}

TEST(AgentConfigTest, TextForPrefersTheCustomersLanguage) {
  AgentConfig config;
  config.default_language = Language::kEn;
  config.greeting = "Hello!";
  config.handoff_message = "A person will be with you.";
  config.translations[Language::kEs].greeting = "¡Hola!";
  EXPECT_EQ(TextFor(config, Language::kEn, TextKey::kGreeting), "Hello!");
  EXPECT_EQ(TextFor(config, Language::kEs, TextKey::kGreeting), "¡Hola!");
  // No Portuguese greeting: the configured one, as there is no built-in greeting.
  EXPECT_EQ(TextFor(config, Language::kPt, TextKey::kGreeting), "Hello!");
  EXPECT_EQ(TextFor(config, Language::kEn, TextKey::kHandoffMessage), "A person will be with you.");
  // A Spanish customer gets the built-in Spanish text rather than the English one.
  EXPECT_NE(TextFor(config, Language::kEs, TextKey::kHandoffMessage).find("persona"),
            std::string::npos);
  EXPECT_FALSE(TextFor(config, Language::kEn, TextKey::kResumeNotice).empty());
}

TEST(AgentConfigTest, QuestionForUsesTranslations) {
  AgentConfig config;
  config.questions = {{"Budget?", "Budget"}, {"When?", "Timeline"}};
  config.translations[Language::kPt].questions = {"Orçamento?", ""};
  EXPECT_EQ(QuestionFor(config, Language::kPt, 0), "Orçamento?");
  EXPECT_EQ(QuestionFor(config, Language::kPt, 1), "When?");
  EXPECT_EQ(QuestionFor(config, Language::kEs, 0), "Budget?");
}

}  // namespace
}  // namespace core
