#include "api/config_json.h"

#include <cmath>
#include <string_view>

namespace api {
namespace {

using nlohmann::json;

constexpr std::int64_t kMillisPerSecond = 1000;
constexpr std::int64_t kMillisPerMinute = 60 * kMillisPerSecond;
// Beyond this many units a duration is no sensible setting (and could overflow milliseconds).
constexpr double kMaxDurationUnits = 1e9;

// The configuration's plain text fields, by API key.
struct TextField {
  std::string_view key;
  std::string core::AgentConfig::*member;
};
constexpr TextField kTextFields[] = {
    {"company_name", &core::AgentConfig::company_name},
    {"industry", &core::AgentConfig::industry},
    {"website", &core::AgentConfig::website},
    {"agent_name", &core::AgentConfig::agent_name},
    {"communication_style", &core::AgentConfig::communication_style},
    {"greeting", &core::AgentConfig::greeting},
    {"business_context", &core::AgentConfig::business_context},
    {"handoff_message", &core::AgentConfig::handoff_message},
    {"resume_notice", &core::AgentConfig::resume_notice},
    {"qualified_message", &core::AgentConfig::qualified_message},
};

constexpr std::string_view kPauseKey = "pause_minutes";
constexpr std::string_view kDebounceKey = "debounce_seconds";

// A duration as a number of `unit` milliseconds: an integer when whole.
json Units(base::Duration d, std::int64_t unit) {
  if (d.count() % unit == 0) return d.count() / unit;
  return static_cast<double>(d.count()) / static_cast<double>(unit);
}

// Collects the problems of one patch.
class Patch {
 public:
  void Problem(std::string field, std::string message) {
    problems_.push_back({std::move(field), std::move(message)});
  }

  void Text(const json& value, const std::string& field, std::string& out) {
    if (!value.is_string()) return Problem(field, "must be a string");
    out = value.get<std::string>();
  }

  void Links(const json& value, std::vector<std::string>& out) {
    if (!value.is_array()) return Problem("social_links", "must be a list of strings");
    out.clear();
    for (std::size_t i = 0; i < value.size(); ++i) {
      Text(value[i], "social_links[" + std::to_string(i) + "]", out.emplace_back());
    }
  }

  void Questions(const json& value, std::vector<core::Question>& out) {
    if (!value.is_array()) {
      return Problem("questions", "must be a list of {text, label, type, choices, optional}");
    }
    out.clear();
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string at = "questions[" + std::to_string(i) + "]";
      const json& q = value[i];
      core::Question& question = out.emplace_back();
      if (!q.is_object()) {
        Problem(at, "must be an object {text, label, type, choices, optional}");
        continue;
      }
      for (const auto& [key, item] : q.items()) {
        if (key == "text") {
          Text(item, at + ".text", question.text);
        } else if (key == "label") {
          Text(item, at + ".label", question.label);
        } else if (key == "type") {
          const auto type =
              item.is_string() ? core::ParseQuestionType(item.get<std::string>()) : std::nullopt;
          if (!type) {
            Problem(at + ".type", "must be text, email, phone, number, amount, date or choice");
          } else {
            question.type = *type;
          }
        } else if (key == "choices") {
          if (!item.is_array()) {
            Problem(at + ".choices", "must be a list of strings");
            continue;
          }
          for (std::size_t k = 0; k < item.size(); ++k) {
            Text(item[k], at + ".choices[" + std::to_string(k) + "]",
                 question.choices.emplace_back());
          }
        } else if (key == "optional") {
          if (!item.is_boolean()) {
            Problem(at + ".optional", "must be true or false");
          } else {
            question.optional = item.get<bool>();
          }
        } else {
          Problem(at + "." + key, "unknown key");
        }
      }
    }
  }

  // A number of `unit` milliseconds.
  std::optional<base::Duration> Duration(const json& value, std::string_view key,
                                         std::int64_t unit) {
    if (!value.is_number()) {
      Problem(std::string(key), "must be a number");
      return std::nullopt;
    }
    const double units = value.get<double>();
    if (!std::isfinite(units) || std::fabs(units) > kMaxDurationUnits) {
      Problem(std::string(key), "is out of range");
      return std::nullopt;
    }
    return base::Duration{std::llround(units * static_cast<double>(unit))};
  }

  void Apply(const std::string& key, const json& value, core::AgentConfig& c) {
    for (const TextField& f : kTextFields) {
      if (key == f.key) return Text(value, key, c.*f.member);
    }
    if (key == "social_links") return Links(value, c.social_links);
    if (key == "questions") return Questions(value, c.questions);
    if (key == "brain") {
      const auto brain =
          value.is_string() ? core::ParseBrainKind(value.get<std::string>()) : std::nullopt;
      if (!brain) return Problem(key, "must be local or llm");
      c.brain = *brain;
      return;
    }
    if (key == "default_language") {
      const auto language =
          value.is_string() ? core::ParseLanguage(value.get<std::string>()) : std::nullopt;
      if (!language) return Problem(key, "must be en, es or pt");
      c.default_language = *language;
      return;
    }
    if (key == "workflow") {
      if (value.is_null()) return c.workflow.reset();
      c.workflow =
          value.is_string() ? core::ParseWorkflowKind(value.get<std::string>()) : std::nullopt;
      if (!c.workflow) Problem(key, "must be null, handoff_to_human or qualify_and_transfer");
      return;
    }
    if (key == kPauseKey) {
      if (value.is_null()) return c.pause.reset();
      if (auto d = Duration(value, kPauseKey, kMillisPerMinute)) c.pause = *d;
      return;
    }
    if (key == kDebounceKey) {
      if (auto d = Duration(value, kDebounceKey, kMillisPerSecond)) c.debounce = *d;
      return;
    }
    if (key == "ask_contact_details") {
      if (!value.is_boolean()) return Problem(key, "must be true or false");
      c.ask_contact_details = value.get<bool>();
      return;
    }
    Problem(key, "unknown key");
  }

  std::vector<core::FieldError> problems() && { return std::move(problems_); }

 private:
  std::vector<core::FieldError> problems_;
};

}  // namespace

json ConfigJson(const core::AgentConfig& c) {
  json questions = json::array();
  for (const core::Question& q : c.questions) {
    questions.push_back({{"text", q.text},
                         {"label", q.label},
                         {"type", core::ToString(q.type)},
                         {"choices", q.choices},
                         {"optional", q.optional}});
  }
  json out = json::object();
  for (const TextField& f : kTextFields) out[std::string(f.key)] = c.*f.member;
  out["social_links"] = c.social_links;
  out["brain"] = core::ToString(c.brain);
  out["default_language"] = core::ToString(c.default_language);
  out["workflow"] = c.workflow ? json(core::ToString(*c.workflow)) : json(nullptr);
  out["questions"] = std::move(questions);
  out[std::string(kPauseKey)] = c.pause ? Units(*c.pause, kMillisPerMinute) : json(nullptr);
  out[std::string(kDebounceKey)] = Units(c.debounce, kMillisPerSecond);
  out["ask_contact_details"] = c.ask_contact_details;
  return out;
}

std::vector<core::FieldError> ApplyConfigPatch(const json& patch, core::AgentConfig& config) {
  Patch p;
  for (const auto& [key, value] : patch.items()) p.Apply(key, value, config);
  return std::move(p).problems();
}

std::vector<core::FieldError> ApiFieldErrors(std::vector<core::FieldError> errors) {
  for (core::FieldError& e : errors) {
    if (e.field == "pause") {
      e = {std::string(kPauseKey), "must be positive, or null to never resume"};
    } else if (e.field == "debounce") {
      e = {std::string(kDebounceKey),
           "must be between 0 and " +
               std::to_string(core::kMaxDebounce.count() / kMillisPerSecond) + " seconds"};
    }
  }
  return errors;
}

}  // namespace api
