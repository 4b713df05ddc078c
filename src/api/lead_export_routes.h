// Leads exported for a spreadsheet (docs/api/conversations.md), for any member of the workspace:
//   GET /api/v1/workspaces/{workspace}/leads/export?format=csv|xlsx  + the conversation list's
//       filters (channel, folder, label, unread, q)
// One row per lead of the filtered list, newest activity first, at most kMaxExportedLeads: name,
// channel, the customer's id on it (blank on the web chat, where it is a cookie's hash), labels,
// folder, last activity, then one column per qualification question (the published agent's, in
// its order, then any other question a lead answered), each the lead's latest answer. Sent as a
// file (Content-Disposition: attachment). Unknown format: 400.
#pragma once

#include <cstddef>

#include "api/crm_context.h"
#include "http/router.h"

namespace api {

inline constexpr std::size_t kMaxExportedLeads = 10'000;

// `context` must outlive the router's server. Register before the lead routes: "export" is not
// a lead's id.
void AddLeadExportRoutes(http::Router& router, const CrmContext& context);

}  // namespace api
