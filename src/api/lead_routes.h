// Lead profiles (docs/api/conversations.md), for any member of the workspace; {id} is the
// contact's id:
//   GET   /api/v1/workspaces/{workspace}/leads/{id}                       the lead
//   PATCH /api/v1/workspaces/{workspace}/leads/{id}                       {"name"?, "labels"?}
//   PATCH /api/v1/workspaces/{workspace}/leads/{id}/answers/{answer_id}   {"answer"}
//   POST  /api/v1/workspaces/{workspace}/leads/{id}/notes                 {"text"}: 201 the note
//   GET   /api/v1/workspaces/{workspace}/leads/{id}/edits                 who changed what
// Every edit is recorded (field, before, after, user, time). A lead of another workspace is 404.
#pragma once

#include "api/crm_context.h"
#include "http/router.h"

namespace api {

// `context` must outlive the router's server.
void AddLeadRoutes(http::Router& router, const CrmContext& context);

}  // namespace api
