// The language model's problem, for the CRM (docs/api/configuration.md): while the instance's
// model fails, a workspace whose published agent thinks with it sees why, like a channel's
// "reconnection needed":
//   GET /api/v1/workspaces/{workspace}/llm-status
//       {"brain": "llm" | "local", "problem": null | {"reason", "needs_owner", "since"}}
// Any member may read it. `problem` is null for a workspace whose agent is local, and always
// when the instance has no model.
#pragma once

#include "api/auth.h"
#include "core/model_check.h"
#include "core/store.h"
#include "core/user.h"
#include "http/router.h"

namespace api {

// Borrowed references must outlive the router's server. `status` is empty when the instance has
// no model.
void AddModelStatusRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                          core::ModelStatus status);

}  // namespace api
