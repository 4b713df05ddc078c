// What a member does to a conversation through the engine (docs/api/conversations.md): each is
// an event of core/event.h decided by the workflow, never a change made by hand.
//   POST /api/v1/workspaces/{workspace}/conversations/{id}/take-control  TakeControl -> summary
//   POST /api/v1/workspaces/{workspace}/conversations/{id}/return-to-ai  ReturnToAi -> summary
//   POST /api/v1/workspaces/{workspace}/conversations/{id}/messages      {"text"}: HumanReply ->
//        201 the message (a reply also marks the conversation read)
// The user of each event is the caller's email. A conversation of another workspace is 404; a
// workspace with nothing published is 409.
#pragma once

#include "api/crm_context.h"
#include "http/router.h"

namespace api {

// `context` must outlive the router's server.
void AddConversationActionRoutes(http::Router& router, const CrmContext& context);

}  // namespace api
