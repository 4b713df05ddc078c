#include "core/agent_config.h"

#include <string_view>

namespace core {
namespace {

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Built-in texts for the operator messages, by language.
struct BuiltIn {
  Language language;
  std::string_view handoff;
  std::string_view resume;
  std::string_view qualified;
};

constexpr BuiltIn kBuiltIns[] = {
    {Language::kEn, "I'm passing you to a member of our team. They will reply here shortly.",
     "Thanks for waiting. I'm back to help you.",
     "Thank you! A member of our team will continue the conversation from here."},
    {Language::kEs, "Te paso con una persona de nuestro equipo. Te responderá aquí en breve.",
     "Gracias por esperar. Vuelvo a estar aquí para ayudarte.",
     "¡Gracias! Una persona de nuestro equipo continuará la conversación desde aquí."},
    {Language::kPt,
     "Vou passar você para uma pessoa da nossa equipe. Ela responderá aqui em breve.",
     "Obrigado por esperar. Estou de volta para ajudar você.",
     "Obrigado! Uma pessoa da nossa equipe continuará a conversa a partir daqui."},
};

std::string_view BuiltInText(Language language, TextKey key) {
  for (const BuiltIn& b : kBuiltIns) {
    if (b.language != language) continue;
    switch (key) {
      case TextKey::kHandoffMessage:
        return b.handoff;
      case TextKey::kResumeNotice:
        return b.resume;
      case TextKey::kQualifiedMessage:
        return b.qualified;
      case TextKey::kGreeting:
        return {};
    }
  }
  return {};
}

const std::string& Field(const AgentTexts& t, TextKey key) {
  switch (key) {
    case TextKey::kGreeting:
      return t.greeting;
    case TextKey::kHandoffMessage:
      return t.handoff_message;
    case TextKey::kResumeNotice:
      return t.resume_notice;
    case TextKey::kQualifiedMessage:
      return t.qualified_message;
  }
  return t.greeting;
}

const std::string& Field(const AgentConfig& c, TextKey key) {
  switch (key) {
    case TextKey::kGreeting:
      return c.greeting;
    case TextKey::kHandoffMessage:
      return c.handoff_message;
    case TextKey::kResumeNotice:
      return c.resume_notice;
    case TextKey::kQualifiedMessage:
      return c.qualified_message;
  }
  return c.greeting;
}

// Reports `text` of `field` when longer than `limit` characters.
void Limit(std::vector<FieldError>& errors, const std::string& field, std::string_view text,
           std::size_t limit) {
  if (CountCodePoints(text) > limit) {
    errors.push_back({field, "at most " + std::to_string(limit) + " characters"});
  }
}

void LimitTexts(std::vector<FieldError>& errors, const std::string& prefix, const AgentTexts& t) {
  Limit(errors, prefix + "greeting", t.greeting, kMaxTextChars);
  Limit(errors, prefix + "handoff_message", t.handoff_message, kMaxTextChars);
  Limit(errors, prefix + "resume_notice", t.resume_notice, kMaxTextChars);
  Limit(errors, prefix + "qualified_message", t.qualified_message, kMaxTextChars);
  for (std::size_t i = 0; i < t.questions.size(); ++i) {
    Limit(errors, prefix + "questions[" + std::to_string(i) + "]", t.questions[i], kMaxTextChars);
  }
}

}  // namespace

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::vector<FieldError> ValidateDraft(const AgentConfig& config) {
  std::vector<FieldError> errors;
  Limit(errors, "company_name", config.company_name, kMaxNameChars);
  Limit(errors, "industry", config.industry, kMaxNameChars);
  Limit(errors, "website", config.website, kMaxNameChars);
  if (config.social_links.size() > kMaxSocialLinks) {
    errors.push_back({"social_links", "at most " + std::to_string(kMaxSocialLinks) + " links"});
  }
  for (std::size_t i = 0; i < config.social_links.size(); ++i) {
    Limit(errors, "social_links[" + std::to_string(i) + "]", config.social_links[i], kMaxNameChars);
  }
  Limit(errors, "agent_name", config.agent_name, kMaxNameChars);
  Limit(errors, "communication_style", config.communication_style, kMaxTextChars);
  LimitTexts(errors, "",
             {config.greeting,
              config.handoff_message,
              config.resume_notice,
              config.qualified_message,
              {}});
  if (config.questions.size() > kMaxQuestions) {
    errors.push_back({"questions", "at most " + std::to_string(kMaxQuestions) + " questions"});
  }
  for (std::size_t i = 0; i < config.questions.size(); ++i) {
    const std::string at = "questions[" + std::to_string(i) + "]";
    if (IsBlank(config.questions[i].text)) errors.push_back({at + ".text", "must not be empty"});
    Limit(errors, at + ".text", config.questions[i].text, kMaxTextChars);
    Limit(errors, at + ".label", config.questions[i].label, kMaxQuestionLabelChars);
    const Question& q = config.questions[i];
    if (q.type == QuestionType::kChoice &&
        (q.choices.size() < 2 || q.choices.size() > kMaxChoices)) {
      errors.push_back(
          {at + ".choices", "a choice needs 2 to " + std::to_string(kMaxChoices) + " choices"});
    }
    if (q.type != QuestionType::kChoice && !q.choices.empty()) {
      errors.push_back({at + ".choices", "only a choice question has choices"});
    }
    for (std::size_t k = 0; k < q.choices.size(); ++k) {
      const std::string choice = at + ".choices[" + std::to_string(k) + "]";
      if (IsBlank(q.choices[k])) errors.push_back({choice, "must not be empty"});
      Limit(errors, choice, q.choices[k], kMaxNameChars);
    }
  }
  Limit(errors, "business_context", config.business_context, kMaxBusinessContextChars);
  if (config.pause && config.pause->count() <= 0) {
    errors.push_back({"pause", "must be positive (or \"never\")"});
  }
  if (config.debounce.count() < 0 || config.debounce > kMaxDebounce) {
    errors.push_back({"debounce", "must be between 0s and " + base::FormatDuration(kMaxDebounce)});
  }
  for (const auto& [language, texts] : config.translations) {
    LimitTexts(errors, "translations." + std::string(ToString(language)) + ".", texts);
    if (!texts.questions.empty() && texts.questions.size() != config.questions.size()) {
      errors.push_back({"translations." + std::string(ToString(language)) + ".questions",
                        "must list as many questions as \"questions\" (" +
                            std::to_string(config.questions.size()) + ")"});
    }
  }
  return errors;
}

std::vector<FieldError> ValidateForPublish(const AgentConfig& config) {
  std::vector<FieldError> errors = ValidateDraft(config);
  if (IsBlank(config.greeting)) errors.push_back({"greeting", "is required"});
  if (!config.workflow) {
    errors.push_back({"workflow", "is required: handoff_to_human or qualify_and_transfer"});
  } else if (*config.workflow == WorkflowKind::kQualifyAndTransfer && config.questions.empty()) {
    errors.push_back({"questions", "qualify_and_transfer needs at least one question"});
  }
  return errors;
}

std::string TextFor(const AgentConfig& config, Language language, TextKey key) {
  if (auto it = config.translations.find(language); it != config.translations.end()) {
    if (const std::string& t = Field(it->second, key); !IsBlank(t)) return t;
  }
  const std::string& configured = Field(config, key);
  const std::string_view built_in = BuiltInText(language, key);
  if (!IsBlank(configured) && (language == config.default_language || built_in.empty())) {
    return configured;
  }
  return std::string(built_in);
}

std::string QuestionFor(const AgentConfig& config, Language language, std::size_t index) {
  if (auto it = config.translations.find(language); it != config.translations.end()) {
    const auto& questions = it->second.questions;
    if (index < questions.size() && !IsBlank(questions[index])) return questions[index];
  }
  return config.questions[index].text;
}

std::string ContactDetailsRequestFor(Language language) {
  switch (language) {
    case Language::kEs:
      return "Antes de pasarte con el equipo: ¿cuál es tu nombre y tu email o teléfono, por si "
             "cierras el chat?";
    case Language::kPt:
      return "Antes de passar você para a equipe: qual é o seu nome e o seu email ou telefone, "
             "caso você feche o chat?";
    case Language::kEn:
      break;
  }
  return "Before I pass you to the team: what is your name, and an email or phone number they can "
         "reach you at if you close the chat?";
}

std::string ContactDetailsThanksFor(Language language, const std::string& name) {
  const std::string to = name.empty() ? "" : ", " + name;
  switch (language) {
    case Language::kEs:
      return "Gracias" + to + ".";
    case Language::kPt:
      return "Obrigado" + to + ".";
    case Language::kEn:
      break;
  }
  return "Thank you" + to + ".";
}

namespace {

// The question's label, or (without one) its text, quoted for a sentence about it.
std::string Named(const AgentConfig& config, Language language, std::size_t index) {
  const std::string& label = config.questions[index].label;
  const std::string name = IsBlank(label) ? QuestionFor(config, language, index) : label;
  return language == Language::kEs ? "«" + name + "»" : "“" + name + "”";
}

std::string ListOf(const std::vector<std::string>& items, Language language) {
  const std::string last = language == Language::kEn   ? " or "
                           : language == Language::kEs ? " o "
                                                       : " ou ";
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? last : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

std::string AnswerNeeded(QuestionType type, const std::vector<std::string>& choices,
                         Language language) {
  using enum QuestionType;
  const int l = static_cast<int>(language);  // en, es, pt
  auto pick = [l](const char* en, const char* es, const char* pt) {
    return std::string(l == 1 ? es : l == 2 ? pt : en);
  };
  switch (type) {
    case kEmail:
      return pick("an email address, like name@example.com",
                  "una dirección de email, como nombre@ejemplo.com",
                  "um endereço de email, como nome@exemplo.com");
    case kPhone:
      return pick("a phone number, with its country code if it is not local",
                  "un número de teléfono, con el prefijo del país si no es local",
                  "um número de telefone, com o código do país se não for local");
    case kNumber:
      return pick("a number", "un número", "um número");
    case kAmount:
      return pick("an amount, with its currency (for example 500 EUR)",
                  "un importe, con su moneda (por ejemplo 500 EUR)",
                  "um valor, com a moeda (por exemplo 500 EUR)");
    case kDate:
      return pick("a date (for example 15 March, or 15/03/2027)",
                  "una fecha (por ejemplo 15 de marzo, o 15/03/2027)",
                  "uma data (por exemplo 15 de março, ou 15/03/2027)");
    case kChoice:
      return pick("one of: ", "una de estas opciones: ", "uma destas opções: ") +
             ListOf(choices, language);
    case kText:
      break;
  }
  return {};
}

std::string TypedQuestionAgainFor(const AgentConfig& config, Language language, std::size_t index) {
  const Question& q = config.questions[index];
  if (q.type == QuestionType::kText && !q.optional) {
    return QuestionAgainFor(config, language, index);
  }
  std::string text;
  const std::string name = Named(config, language, index);
  const std::string needed = AnswerNeeded(q.type, q.choices, language);
  switch (language) {
    case Language::kEs:
      text = needed.empty() ? QuestionFor(config, language, index)
                            : "Para " + name + " necesito " + needed + ".";
      if (q.optional) text += " Si prefieres no decirlo, escribe «saltar».";
      return text;
    case Language::kPt:
      text = needed.empty() ? QuestionFor(config, language, index)
                            : "Para " + name + " preciso de " + needed + ".";
      if (q.optional) text += " Se preferir não dizer, escreva “pular”.";
      return text;
    case Language::kEn:
      break;
  }
  text = needed.empty() ? QuestionFor(config, language, index)
                        : "For " + name + " I need " + needed + ".";
  if (q.optional) text += " If you'd rather not say, just write “skip”.";
  return text;
}

std::string AnswerNotedFor(const AgentConfig& config, Language language, std::size_t index,
                           const std::string& value) {
  const std::string name = Named(config, language, index);
  switch (language) {
    case Language::kEs:
      return "He anotado " + name + ": " + value + ".";
    case Language::kPt:
      return "Anotei " + name + ": " + value + ".";
    case Language::kEn:
      break;
  }
  return "I've noted " + name + ": " + value + ".";
}

std::string QuestionAgainFor(const AgentConfig& config, Language language, std::size_t index) {
  const std::string& label = config.questions[index].label;
  if (IsBlank(label)) return QuestionFor(config, language, index);
  switch (language) {
    case Language::kEs:
      return "Para anotarlo: ¿qué pongo en «" + label + "»? Bastan unas palabras.";
    case Language::kPt:
      return "Para anotar: o que coloco em “" + label + "”? Poucas palavras bastam.";
    case Language::kEn:
      break;
  }
  return "So I can note it down: what should I put for “" + label + "”? A few words are enough.";
}

}  // namespace core
