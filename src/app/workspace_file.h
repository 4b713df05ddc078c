// The declarative workspace file of `frontdesk init` (TOML): company info, agent identity,
// greeting, workflow, questions, business context, pause settings, translations and the catalog
// CSV path. examples/*/workspace.toml are commented examples of every key.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"
#include "core/agent_config.h"
#include "core/channel_account.h"

namespace app {

struct WorkspaceFile {
  std::string slug;
  core::AgentConfig config;
  // [catalog] csv or xlsx, resolved against the file's folder, and an xlsx's sheet (else its
  // first).
  std::optional<std::filesystem::path> catalog_file;
  std::optional<std::string> catalog_sheet;
  // [[channels]]: the Meta accounts (workspace_id unset). Secrets may come from environment
  // variables named by access_token_env, app_secret_env and verify_token_env.
  std::vector<core::ChannelAccount> channels;
};

// Reads and checks a workspace file. Returns kInvalidArgument listing every problem, one per
// line, each naming the file, line and key ("shop.toml:12: agent.workflow: must be ..."):
// TOML syntax errors, unknown keys, values of the wrong type or out of range, a missing slug,
// unreadable context files, channels without an id or with an unset environment variable, and
// everything core::ValidateForPublish reports. Secrets never appear in the messages.
base::Result<WorkspaceFile> ReadWorkspaceFile(const std::filesystem::path& path);

}  // namespace app
