// The agent configuration of a workspace (docs/api/configuration.md). Members read it; the owner
// edits the draft, publishes it and discards it:
//   GET   /api/v1/workspaces/{workspace}/config           the draft, the published version and
//                                                         what the draft lacks to be published
//   PATCH /api/v1/workspaces/{workspace}/config/draft     sets any subset of the draft's keys
//   POST  /api/v1/workspaces/{workspace}/config/publish   makes the draft live
//   POST  /api/v1/workspaces/{workspace}/config/discard   returns the draft to the live version
// Every one answers with the GET's body. A publish queues the build of the live agent.
#pragma once

#include "api/auth.h"
#include "core/store.h"
#include "core/user.h"
#include "http/router.h"
#include "runtime/agent_builder.h"

namespace api {

// The workspace's draft; revision 0 and the defaults when none was ever saved. Errors: the
// store's.
base::Result<core::Draft> DraftOf(core::Store& store, std::int64_t workspace_id);

// Borrowed references must outlive the router's server.
void AddConfigRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                     runtime::AgentBuilder& builder);

}  // namespace api
