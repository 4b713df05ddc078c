// The notification bell (docs/api/conversations.md), for any member of the workspace:
//   GET  /api/v1/workspaces/{workspace}/notifications?before=ID&limit=N  newest first, with the
//        workspace's unread count
//   POST /api/v1/workspaces/{workspace}/notifications/{id}/read          204
//   POST /api/v1/workspaces/{workspace}/notifications/read-all           204
// A notification of another workspace is 404.
#pragma once

#include "api/crm_context.h"
#include "http/router.h"

namespace api {

// `context` must outlive the router's server.
void AddNotificationRoutes(http::Router& router, const CrmContext& context);

}  // namespace api
