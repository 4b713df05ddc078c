#include "api/conversation_action_routes.h"

#include "api/attachment_routes.h"
#include "api/crm_input.h"
#include "api/crm_json.h"
#include "api/json_api.h"

namespace api {
namespace {

// Handles the event `make(access)` makes on the path's conversation; the committed decision.
template <typename MakeEvent>
base::Result<std::pair<Access, core::Decision>> Act(const CrmContext& c, const http::Request& r,
                                                    MakeEvent make) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return access.error();
  const auto id = IdParam(r, "id");
  if (!id) return base::Error::NotFound("conversation not found");
  auto event = make(*access);
  if (!event.ok()) return event.error();
  auto decision = c.engine.Handle(access->workspace.id, *id, *event);
  if (!decision.ok()) return decision.error();
  return std::pair{std::move(*access), std::move(*decision)};
}

// Answers with the conversation's summary after the event.
template <typename MakeEvent>
http::Response ActAndSummarize(const CrmContext& c, const http::Request& r, MakeEvent make) {
  auto done = Act(c, r, make);
  if (!done.ok()) return ErrorResponse(done.error());
  auto summary = c.crm.LoadSummary(done->first.workspace.id, done->second.conversation.id);
  if (!summary.ok()) return ErrorResponse(summary.error());
  return JsonResponse(200, SummaryJson(*summary));
}

http::Response Reply(const CrmContext& c, const http::Request& r) {
  if (r.Header("Content-Type").value_or("").starts_with("multipart/form-data")) {
    return ReplyWithFile(c, r);
  }
  auto done = Act(c, r, [&](const Access& access) -> base::Result<core::Event> {
    auto body = JsonObject(r);
    if (!body.ok()) return body.error();
    auto text = MessageField(*body, "text");
    if (!text.ok()) return text.error();
    return core::Event{core::HumanReply{*text, access.caller.user.email, c.clock.Now()}};
  });
  if (!done.ok()) return ErrorResponse(done.error());
  for (const core::Message& m : done->second.messages) {
    if (m.author == core::Author::kHumanCrm) return JsonResponse(201, MessageJson(m));
  }
  return ErrorResponse(base::Error::Internal("a reply decided without its message"));
}

}  // namespace

void AddConversationActionRoutes(http::Router& router, const CrmContext& context) {
  const std::string one = "/api/v1/workspaces/{workspace}/conversations/{id}";
  const CrmContext& c = context;
  router.Post(one + "/take-control", [&c](const http::Request& r) {
    return ActAndSummarize(c, r, [&c](const Access& access) -> base::Result<core::Event> {
      return core::Event{core::TakeControl{access.caller.user.email, c.clock.Now()}};
    });
  });
  router.Post(one + "/return-to-ai", [&c](const http::Request& r) {
    return ActAndSummarize(c, r, [&c](const Access& access) -> base::Result<core::Event> {
      return core::Event{core::ReturnToAi{access.caller.user.email, c.clock.Now()}};
    });
  });
  router.Post(
      one + "/messages", [&c](const http::Request& r) { return Reply(c, r); },
      http::RouteOptions{kMaxFileReplyBytes});
}

}  // namespace api
