// The declarative workspace file of `frontdesk init` (TOML): company info, agent identity,
// greeting, workflow, questions, business context, pause settings, translations and the catalog
// CSV path. examples/*/workspace.toml are commented examples of every key.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"
#include "core/agent_config.h"

namespace app {

struct WorkspaceFile {
  std::string slug;
  core::AgentConfig config;
  std::optional<std::filesystem::path> catalog_csv;  // resolved against the file's folder
};

// Reads and checks a workspace file. Returns kInvalidArgument listing every problem, one per
// line, each naming the file, line and key ("shop.toml:12: agent.workflow: must be ..."):
// TOML syntax errors, unknown keys, values of the wrong type or out of range, a missing slug,
// unreadable context files, and everything core::ValidateForPublish reports.
base::Result<WorkspaceFile> ReadWorkspaceFile(const std::filesystem::path& path);

}  // namespace app
