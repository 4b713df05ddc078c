#include "app/agent_brains.h"

#include <thread>

#include "brain/llm/model_check.h"
#include "brain/registry.h"

namespace app {
namespace {

// The model's retries wait in real time.
void Sleep(base::Duration d) { std::this_thread::sleep_for(d); }

}  // namespace

runtime::BrainFactory AgentBrains(AgentBrainSettings s) {
  return [s = std::move(s)](
             const core::AgentConfig& config,
             const core::Catalog& catalog) -> base::Result<std::unique_ptr<core::Brain>> {
    const core::BrainKind kind = s.forced.value_or(config.brain);
    if (kind == core::BrainKind::kLlm) {
      if (s.llm->enabled()) {
        auto made = brain::llm::LlmBrain::Create(config, catalog, s.llm->settings, s.transport,
                                                 Sleep, *s.clock, *s.endpoint);
        if (!made.ok()) return made.error();
        return std::unique_ptr<core::Brain>(std::move(*made));
      }
      if (s.log) {
        s.log(
            "an agent chose the llm brain, but this instance has no [llm] endpoint: it "
            "answers with the local brain");
      }
    }
    return brain::MakeBrain(core::ToString(core::BrainKind::kLocal), config, catalog);
  };
}

core::ModelChecker AgentModelChecker(const LlmConfig& llm, brain::llm::Transport transport,
                                     const base::Clock& clock) {
  if (!llm.enabled()) return {};
  return [&llm, transport = std::move(transport), &clock](const core::AgentConfig& config,
                                                          const core::Catalog& catalog) {
    return brain::llm::CheckModel(config, catalog, llm.settings, transport, Sleep, clock);
  };
}

}  // namespace app
