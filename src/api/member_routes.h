// The people of a workspace (docs/api.md):
//   GET    /api/v1/workspaces/{workspace}/members            any member: the owner and
//                                                            collaborators
//   POST   /api/v1/workspaces/{workspace}/members            the owner adds a collaborator:
//          {email, password} for a new user (they change it later), {email} for an existing one
//   DELETE /api/v1/workspaces/{workspace}/members/{user_id}  the owner removes a collaborator,
//                                                            whose live streams of it end
#pragma once

#include "api/auth.h"
#include "api/live_feed.h"
#include "base/clock.h"
#include "core/store.h"
#include "core/user.h"
#include "http/router.h"

namespace api {

// Borrowed references must outlive the router's server.
void AddMemberRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                     const base::Clock& clock, LiveFeed& feed);

}  // namespace api
