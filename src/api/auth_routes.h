// The sign-in endpoints of /api/v1 (docs/api.md):
//   POST   /api/v1/auth/login   {email, password} -> the session cookie, the CSRF token, the user
//   POST   /api/v1/auth/logout  ends the session, deletes the cookie
//   GET    /api/v1/me           the user and their workspaces with the role in each
//   POST   /api/v1/me/password  {current_password, new_password} -> 204; the user's other
//                               sessions end, API tokens stay
//   GET    /api/v1/tokens       the user's API tokens (never their secrets)
//   POST   /api/v1/tokens       {name} -> a new token, its secret shown this once
//   DELETE /api/v1/tokens/{id}  revokes one
#pragma once

#include "api/auth.h"
#include "api/live_feed.h"
#include "core/user.h"
#include "http/router.h"

namespace api {

struct AuthRouteSettings {
  // The session cookie's Secure attribute (sent over HTTPS only). Off by default so that a server
  // reached over plain HTTP by another name than localhost signs people in; it must be on behind
  // HTTPS.
  bool secure_cookie = false;
};

// `auth`, `users` and `feed` are borrowed and must outlive the router's server. `feed` is told of
// the sessions that end (sign-out, a new password), whose live streams then end.
void AddAuthRoutes(http::Router& router, Auth& auth, core::Users& users, LiveFeed& feed,
                   AuthRouteSettings settings = {});

}  // namespace api
