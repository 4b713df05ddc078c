// The people of a workspace (docs/api.md):
//   GET    .../members            any member: the owner and the collaborators
//   POST   .../members            the owner adds a collaborator: {email, password} for a new user
//                                 (they change it later), {email} for an existing one; a bad
//                                 email or password is a field error on "email" or "password"
//   DELETE .../members/{user_id}  the owner removes a collaborator, whose live streams of it end
// where ... is /api/v1/workspaces/{workspace}.
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
