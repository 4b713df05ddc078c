#include "api/config_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace api {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::vector<std::string> Fields(const std::vector<core::FieldError>& errors) {
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field + ": " + e.message);
  return fields;
}

TEST(ConfigJsonTest, ShowsEveryKeyOfTheContract) {
  EXPECT_EQ(ConfigJson(core::AgentConfig{}), json::parse(R"({
    "company_name": "", "industry": "", "website": "", "social_links": [],
    "agent_name": "", "communication_style": "", "brain": "local", "default_language": "en",
    "greeting": "",
    "workflow": null, "questions": [], "business_context": "",
    "handoff_message": "", "resume_notice": "", "qualified_message": "",
    "pause_minutes": 15, "debounce_seconds": 2, "ask_contact_details": true})"));
}

TEST(ConfigJsonTest, APatchOfEveryKeyRoundTrips) {
  core::AgentConfig config;
  const json patch = json::parse(R"({
    "company_name": "Casa Verde", "industry": "plants", "website": "https://casa.example",
    "social_links": ["https://ig.example/casa"], "agent_name": "Vera",
    "communication_style": "warm", "brain": "llm", "default_language": "es", "greeting": "¡Hola!",
    "workflow": "qualify_and_transfer",
    "questions": [{"text": "What is your budget?", "label": "Budget", "type": "amount",
                   "choices": [], "optional": false},
                  {"text": "When?", "type": "date", "optional": true}],
    "business_context": "Open 9-5", "handoff_message": "A person will help",
    "resume_notice": "Back", "qualified_message": "Thanks", "pause_minutes": null,
    "debounce_seconds": 0, "ask_contact_details": false})");
  ASSERT_TRUE(ApplyConfigPatch(patch, config).empty());
  EXPECT_FALSE(config.ask_contact_details);
  EXPECT_EQ(config.company_name, "Casa Verde");
  EXPECT_EQ(config.default_language, core::Language::kEs);
  EXPECT_EQ(config.brain, core::BrainKind::kLlm);
  EXPECT_EQ(config.workflow, core::WorkflowKind::kQualifyAndTransfer);
  EXPECT_EQ(config.questions[1],
            (core::Question{"When?", "", core::QuestionType::kDate, {}, true}));
  EXPECT_FALSE(config.pause.has_value());
  EXPECT_EQ(config.debounce, 0s);
  json shown = patch;
  shown["questions"][1]["label"] = "";
  shown["questions"][1]["choices"] = json::array();
  EXPECT_EQ(ConfigJson(config), shown);
}

TEST(ConfigJsonTest, APatchChangesOnlyItsKeysAndKeepsTranslations) {
  core::AgentConfig config;
  config.greeting = "Hi";
  config.translations[core::Language::kPt].greeting = "Olá";
  ASSERT_TRUE(ApplyConfigPatch({{"agent_name", "Vera"}, {"workflow", nullptr}}, config).empty());
  EXPECT_EQ(config.greeting, "Hi");
  EXPECT_EQ(config.agent_name, "Vera");
  EXPECT_EQ(config.translations[core::Language::kPt].greeting, "Olá");
  EXPECT_FALSE(ConfigJson(config).contains("translations"));
}

TEST(ConfigJsonTest, DurationsAreMinutesAndSecondsToTheMillisecond) {
  core::AgentConfig config;
  config.pause = 90s;
  config.debounce = 1500ms;
  EXPECT_EQ(ConfigJson(config)["pause_minutes"], 1.5);
  EXPECT_EQ(ConfigJson(config)["debounce_seconds"], 1.5);
  ASSERT_TRUE(ApplyConfigPatch({{"pause_minutes", 0.25}, {"debounce_seconds", 3}}, config).empty());
  EXPECT_EQ(config.pause, 15s);
  EXPECT_EQ(config.debounce, 3s);
}

TEST(ConfigJsonTest, UnknownKeysAndWrongTypesAreNamed) {
  core::AgentConfig config;
  const json patch = json::parse(R"({
    "greting": "typo", "greeting": 7, "social_links": ["ok", 3], "default_language": "fr",
    "brain": "gpt",
    "workflow": "sell", "questions": [{"text": "a?", "label": 1, "extra": true}, "b?",
                                       {"text": "c?", "type": "colour", "choices": "red",
                                        "optional": "no"}],
    "pause_minutes": "15", "debounce_seconds": 1e300, "translations": {},
    "ask_contact_details": "yes"})");
  EXPECT_THAT(
      Fields(ApplyConfigPatch(patch, config)),
      ::testing::ElementsAre(
          "ask_contact_details: must be true or false", "brain: must be local or llm",
          "debounce_seconds: is out of range", "default_language: must be en, es or pt",
          "greeting: must be a string", "greting: unknown key", "pause_minutes: must be a number",
          "questions[0].extra: unknown key", "questions[0].label: must be a string",
          "questions[1]: must be an object {text, label, type, choices, optional}",
          "questions[2].choices: must be a list of strings",
          "questions[2].optional: must be true or false",
          "questions[2].type: must be text, email, phone, number, amount, date or choice",
          "social_links[1]: must be a string", "translations: unknown key",
          "workflow: must be null, handoff_to_human or qualify_and_transfer"));
  EXPECT_THAT(
      Fields(ApplyConfigPatch({{"questions", "none"}, {"social_links", {{"a", 1}}}}, config)),
      ::testing::ElementsAre("questions: must be a list of {text, label, type, choices, optional}",
                             "social_links: must be a list of strings"));
}

TEST(ConfigJsonTest, ValidationProblemsUseTheApiNames) {
  core::AgentConfig config;
  config.pause = 0s;
  config.debounce = 2h;
  EXPECT_THAT(Fields(ApiFieldErrors(core::ValidateDraft(config))),
              ::testing::ElementsAre("pause_minutes: must be positive, or null to never resume",
                                     "debounce_seconds: must be between 0 and 60 seconds"));
}

}  // namespace
}  // namespace api
