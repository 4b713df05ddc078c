// The brains of workspaces' agents, for `frontdesk serve` and `frontdesk chat`: each agent thinks
// with the brain its configuration chose (AgentConfig::brain), the `llm` one with the instance's
// model. An agent that chose `llm` on an instance without a model answers with the local brain,
// and the log says so. The wizard's Test connection checks the instance's model the same way.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "app/serve_config.h"
#include "base/clock.h"
#include "brain/llm/llm_brain.h"
#include "core/model_check.h"
#include "runtime/engine.h"

namespace app {

struct AgentBrainSettings {
  const LlmConfig* llm = nullptr;                 // REQUIRES: set
  brain::llm::Transport transport;                // the model's HTTP
  const base::Clock* clock = nullptr;             // REQUIRES: set; the model's deadlines
  brain::llm::EndpointState* endpoint = nullptr;  // REQUIRES: set; shared by every llm brain
  std::optional<core::BrainKind> forced;          // every agent thinks with this one instead
  std::function<void(std::string_view)> log;
};

// Borrowed pointers must outlive the factory.
runtime::BrainFactory AgentBrains(AgentBrainSettings settings);

// Test connection (brain/llm/model_check.h) with the instance's model; an empty checker when
// `llm` is not enabled. Borrowed: `llm` and `clock` must outlive the checker.
core::ModelChecker AgentModelChecker(const LlmConfig& llm, brain::llm::Transport transport,
                                     const base::Clock& clock);

}  // namespace app
