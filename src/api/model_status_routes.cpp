#include "api/model_status_routes.h"

#include "api/access.h"
#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

http::Response Status(Auth& auth, core::Store& store, core::Users& users,
                      const core::ModelStatus& status, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kMember);
  if (!access.ok()) return ErrorResponse(access.error());
  auto published = store.LoadPublished(access->workspace.id);
  if (!published.ok() && published.error().code != base::ErrorCode::kNotFound) {
    return ErrorResponse(published.error());
  }
  const bool llm = published.ok() && published->config.brain == core::BrainKind::kLlm;
  json problem = nullptr;
  if (llm && status) {
    if (const auto p = status()) {
      problem = {{"reason", p->reason},
                 {"needs_owner", p->needs_owner},
                 {"since", base::FormatTime(p->since)}};
    }
  }
  return JsonResponse(200, {{"brain", llm ? "llm" : "local"}, {"problem", std::move(problem)}});
}

}  // namespace

void AddModelStatusRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                          core::ModelStatus status) {
  router.Get("/api/v1/workspaces/{workspace}/llm-status",
             [&, status = std::move(status)](const http::Request& r) {
               return Status(auth, store, users, status, r);
             });
}

}  // namespace api
