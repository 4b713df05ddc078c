// What the CRM endpoints (conversations, leads, notifications) work with, borrowed: everything
// must outlive the router's server.
#pragma once

#include "api/access.h"
#include "api/auth.h"
#include "api/live_feed.h"
#include "base/clock.h"
#include "core/crm.h"
#include "core/media.h"
#include "core/store.h"
#include "core/user.h"
#include "http/request.h"
#include "runtime/engine.h"

namespace api {

struct CrmContext {
  Auth& auth;
  core::Store& store;
  core::Users& users;
  core::Crm& crm;
  runtime::Engine& engine;  // every change of mode and every reply goes through it
  const base::Clock& clock;
  LiveFeed& feed;  // told of the changes the endpoints make themselves (folder, priority, read)
  core::MediaStore& media;  // the files of the conversations' messages
};

// Any member of the request's workspace (see Authorize).
inline base::Result<Access> AuthorizeMember(const CrmContext& c, const http::Request& request) {
  return Authorize(c.auth, c.store, c.users, request, Need::kMember);
}

}  // namespace api
