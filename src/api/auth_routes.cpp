#include "api/auth_routes.h"

#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

json UserJson(const core::User& user) { return {{"id", user.id}, {"email", user.email}}; }

json TokenJson(const core::ApiToken& token) {
  return {
      {"id", token.id}, {"name", token.name}, {"created_at", base::FormatTime(token.created_at)}};
}

http::Response Login(Auth& auth, const AuthRouteSettings& settings, const http::Request& request) {
  auto body = JsonObject(request);
  if (!body.ok()) return ErrorResponse(body.error());
  const auto email = StringField(*body, "email");
  const auto password = StringField(*body, "password");
  if (!email || !password) {
    return ErrorResponse(base::Error::InvalidArgument("email and password are required strings"));
  }
  auto signed_in = auth.SignIn(*email, *password, request.remote_address);
  if (!signed_in.ok()) return ErrorResponse(signed_in.error());
  http::Response response =
      JsonResponse(200, {{"user", UserJson(signed_in->user)},
                         {"csrf_token", signed_in->csrf_token},
                         {"expires_at", base::FormatTime(signed_in->expires_at)}});
  http::CookieOptions cookie;
  cookie.max_age = auth.session_lifetime();
  cookie.secure = settings.secure_cookie;
  cookie.same_site = http::SameSite::kLax;
  if (!response.SetCookie(kSessionCookie, signed_in->session_token, cookie)) {
    return ErrorResponse(base::Error::Internal("the session cookie could not be set"));
  }
  return response;
}

http::Response Logout(Auth& auth, LiveFeed& feed, const AuthRouteSettings& settings,
                      const http::Request& request) {
  const Credentials credentials = CredentialsOf(request);
  auto caller = auth.Authenticate(credentials);
  if (!caller.ok()) return ErrorResponse(caller.error());
  if (!caller->session) {
    return ErrorResponse(base::Error::InvalidArgument("an API token has no session to end"));
  }
  if (base::Status done = auth.SignOut(*credentials.session_token); !done.ok()) {
    return ErrorResponse(done.error());
  }
  feed.EndSession(caller->session->token_hash);
  http::Response response = http::Response::NoContent();
  http::CookieOptions cookie;
  cookie.max_age = base::Duration::zero();  // deletes it
  cookie.secure = settings.secure_cookie;
  (void)response.SetCookie(kSessionCookie, "", cookie);
  return response;
}

http::Response Me(Auth& auth, core::Users& users, const http::Request& request) {
  auto caller = auth.Authenticate(CredentialsOf(request));
  if (!caller.ok()) return ErrorResponse(caller.error());
  auto memberships = users.ListMemberships(caller->user.id);
  if (!memberships.ok()) return ErrorResponse(memberships.error());
  json workspaces = json::array();
  for (const core::Membership& m : *memberships) {
    workspaces.push_back({{"slug", m.slug}, {"role", core::ToString(m.role)}});
  }
  return JsonResponse(200, {{"user", UserJson(caller->user)}, {"workspaces", workspaces}});
}

http::Response ChangePassword(Auth& auth, LiveFeed& feed, const http::Request& request) {
  auto caller = auth.Authenticate(CredentialsOf(request));
  if (!caller.ok()) return ErrorResponse(caller.error());
  auto body = JsonObject(request);
  if (!body.ok()) return ErrorResponse(body.error());
  const auto current = StringField(*body, "current_password");
  const auto next = StringField(*body, "new_password");
  if (!current || !next) {
    return ErrorResponse(
        base::Error::InvalidArgument("current_password and new_password are required strings"));
  }
  if (base::Status done = auth.ChangePassword(*caller, *current, *next, request.remote_address);
      !done.ok()) {
    // Auth::ChangePassword's own errors each concern one of the form's fields.
    switch (done.error().code) {
      case base::ErrorCode::kPermissionDenied:
        return FieldErrorResponse(done.error(), "current_password");
      case base::ErrorCode::kInvalidArgument:
        return FieldErrorResponse(done.error(), "new_password");
      default:
        return ErrorResponse(done.error());
    }
  }
  feed.EndOtherSessions(*caller);
  return http::Response::NoContent();
}

http::Response ListTokens(Auth& auth, core::Users& users, const http::Request& request) {
  auto caller = auth.Authenticate(CredentialsOf(request));
  if (!caller.ok()) return ErrorResponse(caller.error());
  auto tokens = users.ListApiTokens(caller->user.id);
  if (!tokens.ok()) return ErrorResponse(tokens.error());
  json list = json::array();
  for (const core::ApiToken& t : *tokens) list.push_back(TokenJson(t));
  return JsonResponse(200, {{"tokens", list}});
}

http::Response CreateToken(Auth& auth, const http::Request& request) {
  auto caller = auth.Authenticate(CredentialsOf(request));
  if (!caller.ok()) return ErrorResponse(caller.error());
  auto body = JsonObject(request);
  if (!body.ok()) return ErrorResponse(body.error());
  const auto name = StringField(*body, "name");
  if (!name) return ErrorResponse(base::Error::InvalidArgument("name is a required string"));
  auto created = auth.CreateApiToken(caller->user.id, *name);
  if (!created.ok()) return ErrorResponse(created.error());
  json token = TokenJson(created->first);
  token["token"] = created->second;
  return JsonResponse(201, token);
}

http::Response DeleteToken(Auth& auth, core::Users& users, LiveFeed& feed,
                           const http::Request& request) {
  auto caller = auth.Authenticate(CredentialsOf(request));
  if (!caller.ok()) return ErrorResponse(caller.error());
  const auto id = IdParam(request, "id");
  if (!id) return ErrorResponse(base::Error::NotFound("no such token"));
  if (base::Status done = users.DeleteApiToken(caller->user.id, *id); !done.ok()) {
    return ErrorResponse(done.error());
  }
  feed.EndApiToken(*id);
  return http::Response::NoContent();
}

}  // namespace

void AddAuthRoutes(http::Router& router, Auth& auth, core::Users& users, LiveFeed& feed,
                   AuthRouteSettings settings) {
  router.Post("/api/v1/auth/login",
              [&auth, settings](const http::Request& r) { return Login(auth, settings, r); });
  router.Post("/api/v1/auth/logout", [&auth, &feed, settings](const http::Request& r) {
    return Logout(auth, feed, settings, r);
  });
  router.Get("/api/v1/me", [&auth, &users](const http::Request& r) { return Me(auth, users, r); });
  router.Post("/api/v1/me/password",
              [&auth, &feed](const http::Request& r) { return ChangePassword(auth, feed, r); });
  router.Get("/api/v1/tokens",
             [&auth, &users](const http::Request& r) { return ListTokens(auth, users, r); });
  router.Post("/api/v1/tokens", [&auth](const http::Request& r) { return CreateToken(auth, r); });
  router.Delete("/api/v1/tokens/{id}", [&auth, &users, &feed](const http::Request& r) {
    return DeleteToken(auth, users, feed, r);
  });
}

}  // namespace api
