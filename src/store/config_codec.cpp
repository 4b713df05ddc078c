#include "store/config_codec.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace store {
namespace {

using nlohmann::json;

json EncodeTexts(const core::AgentTexts& texts) {
  return {{"greeting", texts.greeting},
          {"handoff_message", texts.handoff_message},
          {"resume_notice", texts.resume_notice},
          {"qualified_message", texts.qualified_message},
          {"questions", texts.questions}};
}

// Copies `key` of `object` into `out` when present; throws json::exception on a wrong type.
template <typename T>
void Read(const json& object, std::string_view key, T& out) {
  auto it = object.find(key);
  if (it != object.end()) it->get_to(out);
}

// Thrown for an unknown enum name; caught with the json errors below.
struct UnknownName {
  std::string what;
};

template <typename Parse>
auto ParseName(const json& value, std::string_view what, Parse parse) {
  auto parsed = parse(value.get<std::string>());
  if (!parsed) throw UnknownName{std::string(what)};
  return *parsed;
}

core::AgentTexts DecodeTexts(const json& object) {
  core::AgentTexts texts;
  Read(object, "greeting", texts.greeting);
  Read(object, "handoff_message", texts.handoff_message);
  Read(object, "resume_notice", texts.resume_notice);
  Read(object, "qualified_message", texts.qualified_message);
  Read(object, "questions", texts.questions);
  return texts;
}

core::AgentConfig DecodeObject(const json& object) {
  core::AgentConfig config;
  Read(object, "company_name", config.company_name);
  Read(object, "industry", config.industry);
  Read(object, "website", config.website);
  Read(object, "social_links", config.social_links);
  Read(object, "agent_name", config.agent_name);
  Read(object, "communication_style", config.communication_style);
  // Absent in configurations stored before the choice existed: the local brain.
  if (auto it = object.find("brain"); it != object.end()) {
    config.brain = ParseName(*it, "brain", core::ParseBrainKind);
  }
  if (auto it = object.find("default_language"); it != object.end()) {
    config.default_language = ParseName(*it, "language", core::ParseLanguage);
  }
  Read(object, "greeting", config.greeting);
  if (auto it = object.find("workflow"); it != object.end() && !it->is_null()) {
    config.workflow = ParseName(*it, "workflow", core::ParseWorkflowKind);
  }
  if (auto it = object.find("questions"); it != object.end()) {
    for (const json& q : it->get_ref<const json::array_t&>()) {
      core::Question question{q.at("text").get<std::string>(), q.at("label").get<std::string>()};
      // Saved before questions had types: free text, required.
      if (auto type = q.find("type"); type != q.end()) {
        question.type = ParseName(*type, "question type", core::ParseQuestionType);
      }
      if (auto choices = q.find("choices"); choices != q.end()) {
        question.choices = choices->get<std::vector<std::string>>();
      }
      question.optional = q.value("optional", false);
      config.questions.push_back(std::move(question));
    }
  }
  Read(object, "business_context", config.business_context);
  Read(object, "handoff_message", config.handoff_message);
  Read(object, "resume_notice", config.resume_notice);
  Read(object, "qualified_message", config.qualified_message);
  if (auto it = object.find("pause_ms"); it != object.end()) {
    config.pause =
        it->is_null() ? std::nullopt : std::optional<base::Duration>(it->get<std::int64_t>());
  }
  if (auto it = object.find("debounce_ms"); it != object.end()) {
    config.debounce = base::Duration{it->get<std::int64_t>()};
  }
  if (auto it = object.find("ask_contact_details"); it != object.end()) {
    config.ask_contact_details = it->get<bool>();
  }
  if (auto it = object.find("translations"); it != object.end()) {
    for (const auto& [name, texts] : it->get_ref<const json::object_t&>()) {
      config.translations[ParseName(json(name), "language", core::ParseLanguage)] =
          DecodeTexts(texts);
    }
  }
  return config;
}

}  // namespace

std::string EncodeConfig(const core::AgentConfig& config) {
  json questions = json::array();
  for (const core::Question& q : config.questions) {
    questions.push_back({{"text", q.text},
                         {"label", q.label},
                         {"type", core::ToString(q.type)},
                         {"choices", q.choices},
                         {"optional", q.optional}});
  }
  json translations = json::object();
  for (const auto& [language, texts] : config.translations) {
    translations[std::string(core::ToString(language))] = EncodeTexts(texts);
  }
  json object = {
      {"company_name", config.company_name},
      {"industry", config.industry},
      {"website", config.website},
      {"social_links", config.social_links},
      {"agent_name", config.agent_name},
      {"communication_style", config.communication_style},
      {"brain", core::ToString(config.brain)},
      {"default_language", core::ToString(config.default_language)},
      {"greeting", config.greeting},
      {"workflow", config.workflow ? json(core::ToString(*config.workflow)) : json(nullptr)},
      {"questions", std::move(questions)},
      {"business_context", config.business_context},
      {"handoff_message", config.handoff_message},
      {"resume_notice", config.resume_notice},
      {"qualified_message", config.qualified_message},
      {"pause_ms", config.pause ? json(config.pause->count()) : json(nullptr)},
      {"debounce_ms", config.debounce.count()},
      {"ask_contact_details", config.ask_contact_details},
      {"translations", std::move(translations)},
  };
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

base::Result<core::AgentConfig> DecodeConfig(const std::string& text) {
  try {
    const json object = json::parse(text);
    if (!object.is_object()) return base::Error::Internal("corrupt store: configuration");
    return DecodeObject(object);
  } catch (const json::exception&) {
    return base::Error::Internal("corrupt store: malformed configuration");
  } catch (const UnknownName& e) {
    return base::Error::Internal("corrupt store: configuration has an unknown " + e.what);
  }
}

}  // namespace store
