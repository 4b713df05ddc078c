// The wizard's "Test connection" (core/model_check.h) for the llm brain: an LlmBrain built from
// the workspace's configuration and catalog, with the instance's endpoint settings but a FRESH
// EndpointState (nothing learned or remembered from earlier turns), answers one customer
// question, "What do you offer?" in the configuration's default language, through the same
// prompt, guards, retries and deadline as a real turn. Tools are tried first unless the operator
// chose structured output; a server without tools is reported as structured. What it reports is
// the turn's own record (core::ModelRecord): the model that answered, the time it took, or why
// the model did not answer.
//
// Thread-safety: may run on many threads at once; nothing is shared between checks.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "brain/llm/llm_brain.h"
#include "core/agent_config.h"
#include "core/model_check.h"
#include "core/product.h"

namespace brain::llm {

// The check's report. Errors: kUnavailable with OwnerWords of why the model did not answer;
// kFailedPrecondition when called where base::NoSlowCalls forbids slow calls; kInternal when the
// model was not asked; the brain's build errors. `clock` is borrowed for the call.
base::Result<core::ModelCheck> CheckModel(const core::AgentConfig& config,
                                          const core::Catalog& catalog, LlmSettings settings,
                                          const Transport& transport, const Sleep& sleep,
                                          const base::Clock& clock);

// Why a turn's model did not answer (core::ModelRecord::fallback: a FailureKind's name,
// "deadline", "truncated_prompt"...) in plain words for the owner, with what to check. Never the
// provider's own message: it may quote part of the key.
std::string OwnerWords(std::string_view reason);

}  // namespace brain::llm
