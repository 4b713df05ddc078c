// Workspaces (docs/api/configuration.md):
//   POST /api/v1/workspaces  {slug}  any signed-in user creates a workspace and is its owner
#pragma once

#include "api/auth.h"
#include "core/store.h"
#include "core/user.h"
#include "http/router.h"

namespace api {

// Borrowed references must outlive the router's server.
void AddWorkspaceRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users);

}  // namespace api
