// The agent configuration a workspace edits in the setup wizard, and its validation.
//
// The store keeps two copies: the draft (edited) and the published one (read by the live agent).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "core/enums.h"

namespace core {

constexpr base::Duration kDefaultPause = std::chrono::minutes{15};
constexpr base::Duration kDefaultDebounce = std::chrono::seconds{2};
constexpr base::Duration kMaxDebounce = std::chrono::minutes{1};
constexpr std::size_t kMaxQuestions = 20;
constexpr std::size_t kMaxQuestionLabelChars = 40;
constexpr std::size_t kMaxBusinessContextChars = 20'000;
// Company name, industry, website, agent name, one social link.
constexpr std::size_t kMaxNameChars = 200;
// Greeting, communication style, the operator messages, one question, one translated text.
constexpr std::size_t kMaxTextChars = 2'000;
constexpr std::size_t kMaxSocialLinks = 20;

// A qualification question. The label names the field on the lead profile ("Budget").
struct Question {
  std::string text;
  std::string label;
  QuestionType type = QuestionType::kText;
  std::vector<std::string> choices;  // kChoice: the answers it accepts (2 to kMaxChoices)
  bool optional = false;             // the customer may skip it ("skip", "prefer not to say")
  bool operator==(const Question&) const = default;
};
constexpr std::size_t kMaxChoices = 20;

// The texts the workflow sends verbatim, written for one language. An empty field falls back as
// described at TextFor.
struct AgentTexts {
  std::string greeting;
  std::string handoff_message;
  std::string resume_notice;
  std::string qualified_message;
  std::vector<std::string> questions;  // parallel to AgentConfig::questions, or empty
  bool operator==(const AgentTexts&) const = default;
};

struct AgentConfig {
  // Company info and agent identity.
  std::string company_name;
  std::string industry;
  std::string website;
  std::vector<std::string> social_links;
  std::string agent_name;
  std::string communication_style;
  BrainKind brain = BrainKind::kLocal;  // llm needs the instance's [llm] endpoint
  Language default_language = Language::kEn;
  std::string greeting;

  // Workflow, and its step for qualify_and_transfer.
  std::optional<WorkflowKind> workflow;
  std::vector<Question> questions;

  // Free text: rules, hours, address, policies, FAQ.
  std::string business_context;

  // Operator settings. Empty texts use the built-in text of the customer's language.
  std::string handoff_message;
  std::string resume_notice;
  std::string qualified_message;  // qualify_and_transfer: "a person will continue from here"
  std::optional<base::Duration> pause = kDefaultPause;  // nullopt: never auto-resume
  base::Duration debounce = kDefaultDebounce;
  // handoff_to_human: before handing off a customer on a channel that gives no way to reach them
  // (the web chat), ask once for their name and email or phone.
  bool ask_contact_details = true;

  // The same texts in other languages, for customers who write in them.
  std::map<Language, AgentTexts> translations;

  bool operator==(const AgentConfig&) const = default;
};

// One problem with one field, named as in the configuration file and the API ("greeting",
// "questions[2].text", "translations.es.questions").
struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

// Rules every saved draft obeys: limits and well-formed values. Empty means valid.
std::vector<FieldError> ValidateDraft(const AgentConfig& config);

// ValidateDraft plus what going live needs: a greeting, a workflow, and at least one question for
// qualify_and_transfer. Names every missing field; empty means publishable.
std::vector<FieldError> ValidateForPublish(const AgentConfig& config);

// True when `s` holds nothing but spaces, tabs and line ends.
bool IsBlank(std::string_view s);

enum class TextKey { kGreeting, kHandoffMessage, kResumeNotice, kQualifiedMessage };

// The text to send a customer writing in `language`:
//   1. the translation for `language`, when set;
//   2. the configured text, when `language` is the default language or the key has no built-in
//      text (the greeting has none);
//   3. the built-in text for `language`.
std::string TextFor(const AgentConfig& config, Language language, TextKey key);

// The wording of question `index` for `language` (translation, else the configured text).
// REQUIRES: index < config.questions.size().
std::string QuestionFor(const AgentConfig& config, Language language, std::size_t index);

// The question asked before a handoff on the web chat (see ask_contact_details), and the thanks
// for the details given, naming the customer when `name` is not empty.
std::string ContactDetailsRequestFor(Language language);
std::string ContactDetailsThanksFor(Language language, const std::string& name);

// Question `index` asked again in other words, after a reply that did not answer it: a built-in
// sentence in `language` naming the question's label, or the question itself when it has none.
std::string QuestionAgainFor(const AgentConfig& config, Language language, std::size_t index);

// What an answer of `type` must be, in `language` ("an email address, like name@example.com",
// "one of: Work visa, Citizenship or Contract"); "" for free text.
std::string AnswerNeeded(QuestionType type, const std::vector<std::string>& choices,
                         Language language);

// Question `index` asked again after a reply that held no value of its type: what it needs ("an
// email address, like name@example.com"; the choices, listed), and for an optional question that
// it may be skipped. For a text question, QuestionAgainFor.
std::string TypedQuestionAgainFor(const AgentConfig& config, Language language, std::size_t index);

// The confirmation of an answer the customer gave before question `index` was asked ("I've noted
// “Service”: Work visa.").
std::string AnswerNotedFor(const AgentConfig& config, Language language, std::size_t index,
                           const std::string& value);

}  // namespace core
