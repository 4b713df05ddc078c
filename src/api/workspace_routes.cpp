#include "api/workspace_routes.h"

#include "api/json_api.h"

namespace api {
namespace {

// The workspace and its owner in one transaction: never a workspace without its owner.
http::Response Create(Auth& auth, core::Store& store, core::Users& users, const http::Request& r) {
  auto caller = auth.Authenticate(CredentialsOf(r));
  if (!caller.ok()) return ErrorResponse(caller.error());
  auto body = JsonObject(r);
  if (!body.ok()) return ErrorResponse(body.error());
  const auto slug = StringField(*body, "slug");
  if (!slug) return ErrorResponse(base::Error::InvalidArgument("slug is a required string"));
  core::Workspace created;
  const base::Status done = store.Atomically([&]() -> base::Status {
    auto workspace = store.CreateWorkspace(*slug);
    if (!workspace.ok()) return workspace.error();
    created = std::move(*workspace);
    return users.SetMembership(created.id, caller->user.id, core::Role::kOwner);
  });
  if (!done.ok()) return ErrorResponse(done.error());
  return JsonResponse(201, {{"slug", created.slug}, {"role", core::ToString(core::Role::kOwner)}});
}

}  // namespace

void AddWorkspaceRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users) {
  router.Post("/api/v1/workspaces",
              [&](const http::Request& r) { return Create(auth, store, users, r); });
}

}  // namespace api
