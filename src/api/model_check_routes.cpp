#include "api/model_check_routes.h"

#include "api/access.h"
#include "api/config_routes.h"
#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

constexpr const char* kNoModel =
    "this server has no language model to test: its operator sets one in [llm] of the serve "
    "config (base_url and model; see docs/llm.md)";

json JobJson(const ModelCheckJob& job) {
  json body = {{"id", job.id}, {"state", job.result ? "done" : "running"}};
  if (!job.result) return body;
  const base::Result<core::ModelCheck>& r = *job.result;
  body["ok"] = r.ok();
  if (!r.ok()) {
    // As every error the API shows: a failure inside the server is not the owner's to read.
    body["error"] = ErrorBody(r.error())["error"]["message"];
    return body;
  }
  body["model"] = r->model;
  body["output"] = r->tools ? "tools" : "structured";
  body["question"] = r->question;
  body["sample"] = r->sample;
  body["handoff"] = r->handoff.empty() ? json(nullptr) : json(r->handoff);
  body["latency_ms"] = r->latency.count();
  return body;
}

http::Response Start(Auth& auth, core::Store& store, core::Users& users, ModelCheckJobs& jobs,
                     const core::ModelChecker& checker, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  if (!checker) return ErrorResponse(base::Error::FailedPrecondition(kNoModel));
  const std::int64_t workspace_id = access->workspace.id;
  auto draft = DraftOf(store, workspace_id);
  if (!draft.ok()) return ErrorResponse(draft.error());
  auto catalog = store.LoadCatalog(workspace_id);
  if (!catalog.ok()) return ErrorResponse(catalog.error());
  auto id = jobs.Start(workspace_id,
                       [checker, config = std::move(draft->config), catalog = std::move(*catalog)] {
                         return checker(config, catalog);
                       });
  if (!id.ok()) return ErrorResponse(id.error());
  return JsonResponse(202, {{"id", *id}, {"state", "running"}});
}

http::Response Get(Auth& auth, core::Store& store, core::Users& users, ModelCheckJobs& jobs,
                   const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  const auto job = jobs.Find(access->workspace.id, r.PathParam("test").value_or(""));
  if (!job) {
    return ErrorResponse(
        base::Error::NotFound("no such test: a finished test is kept a few minutes"));
  }
  http::Response response = JsonResponse(200, JobJson(*job));
  if (job->result && !job->result->ok() &&
      job->result->error().code == base::ErrorCode::kInternal) {
    response.log_note = job->result->error().message;
  }
  return response;
}

}  // namespace

void AddModelCheckRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                         ModelCheckJobs& jobs, core::ModelChecker checker) {
  const std::string path = "/api/v1/workspaces/{workspace}/llm-test";
  router.Post(path, [&, checker = std::move(checker)](const http::Request& r) {
    return Start(auth, store, users, jobs, checker, r);
  });
  router.Get(path + "/{test}",
             [&](const http::Request& r) { return Get(auth, store, users, jobs, r); });
}

}  // namespace api
