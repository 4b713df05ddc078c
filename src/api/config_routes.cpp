#include "api/config_routes.h"

#include "api/access.h"
#include "api/config_json.h"
#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

// The body every configuration endpoint answers with.
base::Result<json> StateJson(core::Store& store, std::int64_t workspace_id) {
  auto draft = DraftOf(store, workspace_id);
  if (!draft.ok()) return draft.error();
  auto published = store.LoadPublished(workspace_id);
  if (!published.ok() && published.error().code != base::ErrorCode::kNotFound) {
    return published.error();
  }
  return json{
      {"draft", ConfigJson(draft->config)},
      {"draft_revision", draft->revision},
      {"published", published.ok() ? ConfigJson(published->config) : json(nullptr)},
      {"published_version", published.ok() ? published->version : 0},
      {"unpublished_changes",
       published.ok() ? draft->config != published->config : draft->revision > 0},
      {"publish_problems", FieldsJson(ApiFieldErrors(core::ValidateForPublish(draft->config)))},
  };
}

http::Response StateResponse(core::Store& store, std::int64_t workspace_id) {
  auto state = StateJson(store, workspace_id);
  if (!state.ok()) return ErrorResponse(state.error());
  return JsonResponse(200, *state);
}

http::Response Get(Auth& auth, core::Store& store, core::Users& users, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kMember);
  if (!access.ok()) return ErrorResponse(access.error());
  return StateResponse(store, access->workspace.id);
}

// Load, change and save in one transaction: two edits at once never lose one of them.
http::Response EditDraft(Auth& auth, core::Store& store, core::Users& users,
                         const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  auto patch = JsonObject(r);
  if (!patch.ok()) return ErrorResponse(patch.error());
  const std::int64_t workspace_id = access->workspace.id;
  std::vector<core::FieldError> problems;
  const base::Error rejected = base::Error::InvalidArgument("the draft was not saved");
  const base::Status saved = store.Atomically([&]() -> base::Status {
    auto draft = DraftOf(store, workspace_id);
    if (!draft.ok()) return draft.error();
    problems = ApplyConfigPatch(*patch, draft->config);
    if (problems.empty()) problems = ApiFieldErrors(core::ValidateDraft(draft->config));
    if (!problems.empty()) return rejected;
    auto revision = store.SaveDraft(workspace_id, draft->config);
    if (!revision.ok()) return revision.error();
    return base::Status::Ok();
  });
  if (!problems.empty()) return FieldErrorResponse(rejected.message, problems);
  if (!saved.ok()) return ErrorResponse(saved.error());
  return StateResponse(store, workspace_id);
}

http::Response Publish(Auth& auth, core::Store& store, core::Users& users,
                       runtime::AgentBuilder& builder, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  const std::int64_t workspace_id = access->workspace.id;
  auto draft = DraftOf(store, workspace_id);
  if (!draft.ok()) return ErrorResponse(draft.error());
  const auto problems = ApiFieldErrors(core::ValidateForPublish(draft->config));
  if (!problems.empty()) return FieldErrorResponse("the draft cannot be published", problems);
  // The revision validated: a draft changed meanwhile is a conflict, never published unchecked.
  auto version = store.Publish(workspace_id, draft->revision);
  if (!version.ok()) return ErrorResponse(version.error());
  builder.Request(workspace_id);
  return StateResponse(store, workspace_id);
}

http::Response Discard(Auth& auth, core::Store& store, core::Users& users, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  const std::int64_t workspace_id = access->workspace.id;
  if (base::Status done = store.DiscardDraft(workspace_id); !done.ok()) {
    if (done.error().code != base::ErrorCode::kNotFound) return ErrorResponse(done.error());
    return ErrorResponse(base::Error::FailedPrecondition(
        "nothing was published yet: there is no version to return to"));
  }
  return StateResponse(store, workspace_id);
}

}  // namespace

base::Result<core::Draft> DraftOf(core::Store& store, std::int64_t workspace_id) {
  auto draft = store.LoadDraft(workspace_id);
  if (draft.ok() || draft.error().code != base::ErrorCode::kNotFound) return draft;
  return core::Draft{};
}

void AddConfigRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                     runtime::AgentBuilder& builder) {
  const std::string config = "/api/v1/workspaces/{workspace}/config";
  router.Get(config, [&](const http::Request& r) { return Get(auth, store, users, r); });
  router.Patch(config + "/draft",
               [&](const http::Request& r) { return EditDraft(auth, store, users, r); });
  router.Post(config + "/publish",
              [&](const http::Request& r) { return Publish(auth, store, users, builder, r); });
  router.Post(config + "/discard",
              [&](const http::Request& r) { return Discard(auth, store, users, r); });
}

}  // namespace api
