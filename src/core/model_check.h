// The instance's language model, seen from the CRM. The ModelChecker port: the wizard's "Test
// connection", one real turn of a language-model brain built from a workspace's configuration (the
// draft) and catalog, against the instance's model, reporting what the server does now. The
// ModelStatus port: what the model's last turns found, while they fail.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/result.h"
#include "base/time.h"
#include "core/agent_config.h"
#include "core/product.h"

namespace core {

struct ModelCheck {
  std::string model;     // the model that answered, as the server names it (else the configured)
  bool tools = false;    // the server called tools; false: it answered in structured output
  std::string question;  // what the customer asked, in the configuration's default language
  std::string sample;    // the agent's reply to it; may be empty when it hands off
  std::string handoff;   // the handoff reason's wire name when it handed off, else ""
  base::Duration latency{};  // the whole turn, retries included
};

// Takes seconds (the model's turn deadline at most): never call it where base::NoSlowCalls
// forbids slow calls. Errors: kUnavailable with words for the owner (a bad key, an unknown model,
// an unreachable server...), never a key or a provider's own message; kFailedPrecondition inside
// a NoSlowCalls scope; a brain's build errors.
using ModelChecker =
    std::function<base::Result<ModelCheck>(const AgentConfig& config, const Catalog& catalog)>;

// The instance's model as its last turns found it, while they fail: what the CRM shows the owner
// (as a channel's "reconnection needed"), until a turn succeeds.
struct ModelProblem {
  std::string reason;        // the failure's wire name: bad_key, quota, unreachable, timeout...
  bool needs_owner = false;  // a key, a model name or a quota: someone must act
  base::TimePoint since;     // the first failure since the model last answered
};

// nullopt while the model answers. Thread-safe; cheap (no I/O).
using ModelStatus = std::function<std::optional<ModelProblem>()>;

}  // namespace core
