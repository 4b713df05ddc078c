// Authorization by workspace membership: every /api/v1/workspaces/{workspace}/... endpoint first
// finds who is calling and whether they may act in the workspace the path names.
#pragma once

#include "api/auth.h"
#include "core/store.h"
#include "core/user.h"
#include "http/request.h"

namespace api {

enum class Need { kMember, kOwner };

struct Access {
  Caller caller;
  core::Workspace workspace;
};

// The caller of `request` and the workspace of its {workspace} path parameter, when the caller's
// role there meets `need`.
// Errors: those of Auth::Authenticate; kNotFound when the workspace does not exist or the caller
// is not a member (the two are not told apart: no one learns which workspaces exist);
// kPermissionDenied when `need` is kOwner and the caller is a collaborator.
base::Result<Access> Authorize(Auth& auth, core::Store& store, core::Users& users,
                               const http::Request& request, Need need);

}  // namespace api
