#include "app/init.h"

#include <fstream>
#include <sstream>

#include "catalog/csv_import.h"

namespace app {

base::Result<std::vector<core::Product>> ReadCatalog(const std::filesystem::path& path,
                                                     const std::optional<std::string>& sheet) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::Error::InvalidArgument("cannot read catalog '" + path.string() + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  catalog::ImportResult imported = catalog::ImportCatalog(bytes.str(), sheet);
  if (!imported.errors.empty()) {
    return base::Error::InvalidArgument(path.filename().string() + " was not imported:\n" +
                                        catalog::Describe(imported.errors));
  }
  return std::move(imported.products);
}

base::Result<InitReport> InitWorkspace(core::Store& store, core::ChannelAccounts& accounts,
                                       const WorkspaceFile& file) {
  std::optional<std::vector<core::Product>> products;
  if (file.catalog_file) {
    auto read = ReadCatalog(*file.catalog_file, file.catalog_sheet);
    if (!read.ok()) return read.error();
    products = std::move(*read);
  }

  InitReport report;
  auto workspace = store.FindWorkspace(file.slug);
  if (!workspace.ok() && workspace.error().code == base::ErrorCode::kNotFound) {
    workspace = store.CreateWorkspace(file.slug);
    report.created = true;
  }
  if (!workspace.ok()) return workspace.error();
  report.workspace = *workspace;

  auto revision = store.SaveDraft(workspace->id, file.config);
  if (!revision.ok()) return revision.error();
  auto version = store.Publish(workspace->id, *revision);
  if (!version.ok()) return version.error();
  report.version = *version;

  if (products) {
    auto replaced = store.ReplaceCatalog(workspace->id, *products);
    if (!replaced.ok()) return replaced.error();
    report.products = products->size();
  }
  for (core::ChannelAccount account : file.channels) {
    account.workspace_id = workspace->id;
    if (base::Status saved = accounts.SaveChannelAccount(account); !saved.ok()) {
      return saved.error();
    }
    ++report.channels;
  }
  return report;
}

}  // namespace app
