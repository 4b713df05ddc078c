// The agent configuration as the API shows and edits it (docs/api/configuration.md):
//
//   {"company_name": "", "industry": "", "website": "", "social_links": [],
//    "agent_name": "", "communication_style": "", "default_language": "en", "greeting": "",
//    "workflow": null | "handoff_to_human" | "qualify_and_transfer",
//    "questions": [{"text": "What is your budget?", "label": "Budget"}],
//    "business_context": "", "handoff_message": "", "resume_notice": "", "qualified_message": "",
//    "pause_minutes": 15 | null (never resume), "debounce_seconds": 2}
//
// Durations are numbers of minutes and seconds: whole numbers as integers, others (a file may
// set "90s") as fractions, to the millisecond. Translations are kept as stored, neither shown
// nor edited. The rules a value must obey are core::ValidateDraft's, shared with the
// configuration file; this codec only checks names and types.
//
// Thread-safe (no shared state).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/agent_config.h"

namespace api {

// The JSON object of `config`.
nlohmann::json ConfigJson(const core::AgentConfig& config);

// Sets the keys of `patch`, a JSON object holding any subset of ConfigJson's keys, in `config`.
// Returns a problem for each unknown key ("unknown key") and each value of the wrong type
// ("must be a string", "questions[1].label": "must be a string", ...), by key; when there is one,
// `config` is partly changed and must be dropped.
std::vector<core::FieldError> ApplyConfigPatch(const nlohmann::json& patch,
                                               core::AgentConfig& config);

// Problems of core::ValidateDraft and ValidateForPublish as the API names them: "pause" is
// "pause_minutes", "debounce" is "debounce_seconds", with messages in those units.
std::vector<core::FieldError> ApiFieldErrors(std::vector<core::FieldError> errors);

}  // namespace api
