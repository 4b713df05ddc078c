// The one list of brains. Adding a brain is one line in registry.cpp.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/agent_config.h"
#include "core/brain.h"
#include "core/product.h"

namespace brain {

// Builds the brain named `kind` ("local") for `config` and `catalog`. Returns kInvalidArgument
// naming the unknown kind and the known ones, or the brain's own construction error.
base::Result<std::unique_ptr<core::Brain>> MakeBrain(std::string_view kind,
                                                     const core::AgentConfig& config,
                                                     const core::Catalog& catalog);

// The known kinds, in registry order.
std::vector<std::string_view> BrainKinds();

}  // namespace brain
