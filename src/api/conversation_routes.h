// The shared inbox (docs/api/conversations.md), for any member of the workspace:
//   GET   /api/v1/workspaces/{workspace}/conversations              a filtered page, newest first
//   GET   /api/v1/workspaces/{workspace}/conversations/unread       unread counts per tab
//   GET   /api/v1/workspaces/{workspace}/conversations/{id}         one summary
//   GET   /api/v1/workspaces/{workspace}/conversations/{id}/messages  history, newest first
//   GET   /api/v1/workspaces/{workspace}/conversations/{id}/timeline  audit events, oldest first
//   PATCH /api/v1/workspaces/{workspace}/conversations/{id}         {"folder"?, "priority"?}
//   POST  /api/v1/workspaces/{workspace}/conversations/{id}/read    unread back to 0
// A conversation of another workspace, or an id that is not one, is 404.
#pragma once

#include "api/crm_context.h"
#include "http/router.h"

namespace api {

void AddConversationRoutes(http::Router& router, const CrmContext& context);

}  // namespace api
