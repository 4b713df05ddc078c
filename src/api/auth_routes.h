// The sign-in endpoints of /api/v1 (docs/api.md):
//   POST   /api/v1/auth/login   {email, password} -> the session cookie, the CSRF token, the user
//   POST   /api/v1/auth/logout  ends the session, deletes the cookie
//   GET    /api/v1/me           the user and their workspaces with the role in each
//   GET    /api/v1/tokens       the user's API tokens (never their secrets)
//   POST   /api/v1/tokens       {name} -> a new token, its secret shown this once
//   DELETE /api/v1/tokens/{id}  revokes one
#pragma once

#include "api/auth.h"
#include "core/user.h"
#include "http/router.h"

namespace api {

struct AuthRouteSettings {
  // The session cookie's Secure attribute: browsers still send it to http://127.0.0.1 and
  // http://localhost; turn it off only to reach a test server by another plain-HTTP name.
  bool secure_cookie = true;
};

// `auth` and `users` are borrowed and must outlive the router's server.
void AddAuthRoutes(http::Router& router, Auth& auth, core::Users& users,
                   AuthRouteSettings settings = {});

}  // namespace api
