// A workspace's channels (docs/api/configuration.md). Members see them; the owner connects,
// updates and disconnects the Meta channels. Secrets (access token, app secret, verify token)
// are write-only: answers say whether each is set, never what it is.
//   GET    /api/v1/workspaces/{workspace}/channels            whatsapp, messenger, instagram
//                                                             (connected or not) and web
//   PUT    /api/v1/workspaces/{workspace}/channels/{channel}  {account_id, access_token,
//          app_secret, verify_token, app_id}: connects or updates; an omitted key keeps what is
//          stored (a new connection needs all but app_id); a new access token reconnects
//   DELETE /api/v1/workspaces/{workspace}/channels/{channel}  disconnects
// A workspace has one account per channel through the API: PUT replaces the channel's account.
// (A workspace file may give a workspace several; the list then shows the first by id, and PUT
// and DELETE act on all of them.)
#pragma once

#include "api/auth.h"
#include "core/channel_account.h"
#include "core/store.h"
#include "core/user.h"
#include "http/router.h"

namespace api {

// Ids longer than this are no Meta id.
inline constexpr std::size_t kMaxAccountIdBytes = 128;
inline constexpr std::size_t kMaxSecretBytes = 4096;

// Borrowed references must outlive the router's server.
void AddChannelRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                      core::ChannelAccounts& accounts);

}  // namespace api
