#include "api/lead_routes.h"

#include "api/crm_input.h"
#include "api/crm_json.h"
#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

// The caller's access and the path's lead id (kNotFound when it is not an id).
base::Result<std::pair<Access, std::int64_t>> LeadOf(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return access.error();
  const auto id = IdParam(r, "id");
  if (!id) return base::Error::NotFound("lead not found");
  return std::pair{std::move(*access), *id};
}

http::Response Get(const CrmContext& c, const http::Request& r) {
  auto lead = LeadOf(c, r);
  if (!lead.ok()) return ErrorResponse(lead.error());
  auto loaded = c.crm.LoadLead(lead->first.workspace.id, lead->second);
  if (!loaded.ok()) return ErrorResponse(loaded.error());
  return JsonResponse(200, LeadJson(*loaded));
}

base::Result<core::LeadChange> ChangeOf(const json& body) {
  if (base::Status known = OnlyKeys(body, {"name", "labels"}); !known.ok()) return known.error();
  core::LeadChange change;
  if (body.contains("name")) {
    auto name = NameField(body, "name", kMaxNameChars);
    if (!name.ok()) return name.error();
    change.name = std::move(*name);
  }
  if (body.contains("labels")) {
    auto labels = LabelsField(body);
    if (!labels.ok()) return labels.error();
    change.labels = std::move(*labels);
  }
  return change;
}

http::Response Patch(const CrmContext& c, const http::Request& r) {
  auto lead = LeadOf(c, r);
  if (!lead.ok()) return ErrorResponse(lead.error());
  auto body = JsonObject(r);
  if (!body.ok()) return ErrorResponse(body.error());
  auto change = ChangeOf(*body);
  if (!change.ok()) return ErrorResponse(change.error());
  auto edited = c.crm.EditLead(lead->first.workspace.id, lead->second, *change,
                               lead->first.caller.user.email, c.clock.Now());
  if (!edited.ok()) return ErrorResponse(edited.error());
  return JsonResponse(200, LeadJson(*edited));
}

http::Response PatchAnswer(const CrmContext& c, const http::Request& r) {
  auto lead = LeadOf(c, r);
  if (!lead.ok()) return ErrorResponse(lead.error());
  const auto answer_id = IdParam(r, "answer_id");
  if (!answer_id) return ErrorResponse(base::Error::NotFound("answer not found"));
  auto body = JsonObject(r);
  if (!body.ok()) return ErrorResponse(body.error());
  if (base::Status known = OnlyKeys(*body, {"answer"}); !known.ok())
    return ErrorResponse(known.error());
  auto answer = MessageField(*body, "answer");
  if (!answer.ok()) return ErrorResponse(answer.error());
  auto edited = c.crm.EditAnswer(lead->first.workspace.id, lead->second, *answer_id, *answer,
                                 lead->first.caller.user.email, c.clock.Now());
  if (!edited.ok()) return ErrorResponse(edited.error());
  return JsonResponse(200, LeadJson(*edited));
}

http::Response AddNote(const CrmContext& c, const http::Request& r) {
  auto lead = LeadOf(c, r);
  if (!lead.ok()) return ErrorResponse(lead.error());
  auto body = JsonObject(r);
  if (!body.ok()) return ErrorResponse(body.error());
  if (base::Status known = OnlyKeys(*body, {"text"}); !known.ok())
    return ErrorResponse(known.error());
  auto text = NoteField(*body);
  if (!text.ok()) return ErrorResponse(text.error());
  auto note = c.crm.AddNote(lead->first.workspace.id, lead->second, *text,
                            lead->first.caller.user.email, c.clock.Now());
  if (!note.ok()) return ErrorResponse(note.error());
  return JsonResponse(201, NoteJson(*note));
}

http::Response Edits(const CrmContext& c, const http::Request& r) {
  auto lead = LeadOf(c, r);
  if (!lead.ok()) return ErrorResponse(lead.error());
  auto edits = c.crm.ListLeadEdits(lead->first.workspace.id, lead->second);
  if (!edits.ok()) return ErrorResponse(edits.error());
  json list = json::array();
  for (const core::LeadEdit& e : *edits) list.push_back(LeadEditJson(e));
  return JsonResponse(200, {{"edits", list}});
}

}  // namespace

void AddLeadRoutes(http::Router& router, const CrmContext& context) {
  const std::string one = "/api/v1/workspaces/{workspace}/leads/{id}";
  const CrmContext& c = context;
  router.Get(one, [&c](const http::Request& r) { return Get(c, r); });
  router.Patch(one, [&c](const http::Request& r) { return Patch(c, r); });
  router.Patch(one + "/answers/{answer_id}",
               [&c](const http::Request& r) { return PatchAnswer(c, r); });
  router.Post(one + "/notes", [&c](const http::Request& r) { return AddNote(c, r); });
  router.Get(one + "/edits", [&c](const http::Request& r) { return Edits(c, r); });
}

}  // namespace api
