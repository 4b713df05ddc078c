// `frontdesk init`: creates or updates a workspace from a workspace file and publishes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/workspace_file.h"
#include "base/result.h"
#include "core/channel_account.h"
#include "core/store.h"

namespace app {

struct InitReport {
  core::Workspace workspace;
  bool created = false;                 // the workspace is new
  std::int64_t version = 0;             // the published configuration's version
  std::optional<std::size_t> products;  // the catalog's size, when the file names one
  std::size_t channels = 0;             // channel accounts saved
};

// Reads the catalog first, so a bad CSV changes nothing (kInvalidArgument with line-numbered
// errors); then finds or creates the workspace, saves the draft and publishes it, and replaces
// the catalog. Store errors pass through.
// Then saves the channel accounts (kAlreadyExists when another workspace holds one).
base::Result<InitReport> InitWorkspace(core::Store& store, core::ChannelAccounts& accounts,
                                       const WorkspaceFile& file);

// The products of a catalog file (CSV, or an .xlsx workbook's `sheet` or first sheet).
// kInvalidArgument naming the file when it cannot be read, or listing its errors by line.
base::Result<std::vector<core::Product>> ReadCatalog(const std::filesystem::path& path,
                                                     const std::optional<std::string>& sheet);

}  // namespace app
