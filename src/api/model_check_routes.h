// Test connection (docs/api/configuration.md): the owner tries the instance's language model with
// the workspace's draft configuration and catalog, as a job the browser polls:
//   POST /api/v1/workspaces/{workspace}/llm-test         202 {"id", "state": "running"}
//   GET  /api/v1/workspaces/{workspace}/llm-test/{test}  {"id", "state": "running"}, or done:
//        {"id", "state": "done", "ok": true, "model", "output": "tools" | "structured",
//         "question", "sample", "handoff", "latency_ms"}, or {..., "ok": false, "error"}
// The handlers never wait for the model: the check runs on ModelCheckJobs' threads. Without a
// checker (no model configured on the instance), POST answers 409 saying what the operator sets.
#pragma once

#include "api/auth.h"
#include "api/model_check_jobs.h"
#include "core/model_check.h"
#include "core/store.h"
#include "core/user.h"
#include "http/router.h"

namespace api {

// Borrowed references must outlive the router's server. `checker` is empty when the instance has
// no model.
void AddModelCheckRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                         ModelCheckJobs& jobs, core::ModelChecker checker);

}  // namespace api
