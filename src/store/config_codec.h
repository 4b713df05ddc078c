// AgentConfig <-> the JSON text the store keeps for drafts and published configurations.
//
// Keys are the AgentConfig field names; enums are their wire names; durations are integers of
// milliseconds ("pause_ms", "debounce_ms"), with "pause_ms": null meaning never auto-resume.
// Translations are an object keyed by language ("es": {...}).
#pragma once

#include <string>

#include "base/result.h"
#include "core/agent_config.h"

namespace store {

// Never fails: text that is not valid UTF-8 is stored with U+FFFD replacements.
std::string EncodeConfig(const core::AgentConfig& config);

// A key that is absent keeps the AgentConfig default, so configurations written before a field
// existed still load. kInternal when `json` is malformed or holds an unknown enum name.
base::Result<core::AgentConfig> DecodeConfig(const std::string& json);

}  // namespace store
