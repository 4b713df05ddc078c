// A workspace's catalog (docs/api/configuration.md). No draft: changes are live at once. Members
// read it; the owner replaces and clears it:
//   GET    /api/v1/workspaces/{workspace}/catalog?q=&offset=0&limit=50   products, by file order
//   POST   /api/v1/workspaces/{workspace}/catalog   the file becomes the whole catalog: the
//          multipart/form-data field "file", or a text/csv body; a bad file changes nothing
//   DELETE /api/v1/workspaces/{workspace}/catalog   removes every product
// Every answer carries the indexing state (runtime::AgentBuilder): an upload or a clear queues
// the build of the live agent.
#pragma once

#include <cstddef>

#include "api/auth.h"
#include "catalog/csv_import.h"
#include "core/store.h"
#include "core/user.h"
#include "http/router.h"
#include "runtime/agent_builder.h"

namespace api {

// The largest upload the catalog route takes: a file of catalog::kMaxFileBytes with its
// multipart/form-data framing (so that a file over the limit gets the catalog's own message).
inline constexpr std::size_t kMaxCatalogUploadBytes = catalog::kMaxFileBytes + 64 * 1024;
inline constexpr std::size_t kDefaultProductPage = 50;
inline constexpr std::size_t kMaxProductPage = 200;

// Borrowed references must outlive the router's server.
void AddCatalogRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                      runtime::AgentBuilder& builder);

}  // namespace api
