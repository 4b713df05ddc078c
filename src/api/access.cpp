#include "api/access.h"

#include "api/json_api.h"

namespace api {

base::Result<Access> Authorize(Auth& auth, core::Store& store, core::Users& users,
                               const http::Request& request, Need need) {
  auto caller = auth.Authenticate(CredentialsOf(request));
  if (!caller.ok()) return caller.error();
  const base::Error not_found = base::Error::NotFound("no such workspace");
  auto workspace = store.FindWorkspace(request.PathParam("workspace").value_or(""));
  if (!workspace.ok()) {
    if (workspace.error().code == base::ErrorCode::kNotFound) return not_found;
    return workspace.error();
  }
  auto role = users.RoleIn(workspace->id, caller->user.id);
  if (!role.ok()) {
    if (role.error().code == base::ErrorCode::kNotFound) return not_found;
    return role.error();
  }
  if (need == Need::kOwner && *role != core::Role::kOwner) {
    return base::Error::PermissionDenied("only the workspace's owner may do this");
  }
  return Access{std::move(*caller), std::move(*workspace)};
}

}  // namespace api
