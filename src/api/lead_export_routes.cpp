#include "api/lead_export_routes.h"

#include <algorithm>
#include <map>
#include <set>

#include "api/crm_input.h"
#include "api/json_api.h"
#include "spreadsheet/csv_writer.h"
#include "spreadsheet/xlsx_writer.h"

namespace api {
namespace {

constexpr std::size_t kPage = 200;
constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string QuestionName(const core::QualificationAnswer& a) {
  return a.label.empty() ? a.question : a.label;
}

// The filtered list's leads, each once (a lead with several conversations at its newest).
base::Result<std::vector<core::ConversationSummary>> Leads(const CrmContext& c,
                                                           std::int64_t workspace_id,
                                                           const core::ConversationFilter& filter) {
  std::vector<core::ConversationSummary> leads;
  std::set<std::int64_t> seen;
  std::optional<core::ConversationCursor> after;
  while (leads.size() < kMaxExportedLeads) {
    auto page = c.crm.ListConversations(workspace_id, filter, after, kPage);
    if (!page.ok()) return page.error();
    for (core::ConversationSummary& s : page->conversations) {
      if (leads.size() == kMaxExportedLeads) break;
      if (seen.insert(s.contact_id).second) leads.push_back(std::move(s));
    }
    if (!page->next) break;
    after = page->next;
  }
  return leads;
}

base::Result<spreadsheet::Table> LeadTable(const CrmContext& c, std::int64_t workspace_id,
                                           const std::vector<core::ConversationSummary>& leads) {
  spreadsheet::Table table;
  table.header = {"Name", "Channel", "Customer id", "Labels", "Folder", "Last activity"};
  const std::size_t fixed = table.header.size();
  std::map<std::string, std::size_t> column_of;  // question name -> column
  const auto column = [&](const std::string& name) {
    const auto [it, added] = column_of.emplace(name, table.header.size());
    if (added) table.header.push_back(name);
    return it->second;
  };
  if (auto published = c.store.LoadPublished(workspace_id); published.ok()) {
    for (const core::Question& q : published->config.questions) {
      column(q.label.empty() ? q.text : q.label);
    }
  }
  for (const core::ConversationSummary& s : leads) {
    auto lead = c.crm.LoadLead(workspace_id, s.contact_id);
    if (!lead.ok()) return lead.error();
    std::vector<std::string> row(fixed);
    row[0] = s.contact_name;
    row[1] = std::string(core::ToString(s.channel));
    if (s.channel != core::Channel::kWeb) row[2] = s.external_id;
    for (const std::string& label : s.labels) row[3] += (row[3].empty() ? "" : "; ") + label;
    row[4] = std::string(core::ToString(s.folder));
    if (s.last_activity) row[5] = base::FormatTime(*s.last_activity);
    for (const core::QualificationAnswer& a : lead->contact.answers) {  // oldest first
      const std::size_t at = column(QuestionName(a));
      if (row.size() <= at) row.resize(at + 1);
      row[at] = a.value;
    }
    table.rows.push_back(std::move(row));
  }
  // Every row as wide as the header, which grew with the answers met on the way.
  for (auto& row : table.rows) row.resize(table.header.size());
  return table;
}

http::Response Export(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  const std::string format = r.Query("format").value_or("csv");
  if (format != "csv" && format != "xlsx") {
    return ErrorResponse(base::Error::InvalidArgument("format must be csv or xlsx"));
  }
  auto filter = FilterParams(r);
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto leads = Leads(c, access->workspace.id, *filter);
  if (!leads.ok()) return ErrorResponse(leads.error());
  auto table = LeadTable(c, access->workspace.id, *leads);
  if (!table.ok()) return ErrorResponse(table.error());

  const std::string day = base::FormatTime(c.clock.Now()).substr(0, 10);  // YYYY-MM-DD
  const std::string name = "leads-" + access->workspace.slug + "-" + day + "." + format;
  http::Response response;
  if (format == "csv") {
    response.content_type = "text/csv; charset=utf-8";
    response.body = spreadsheet::WriteCsv(*table);
  } else {
    auto workbook = spreadsheet::WriteXlsx(*table, "Leads");
    if (!workbook.ok()) return ErrorResponse(workbook.error());
    response.content_type = std::string(kXlsxType);
    response.body = std::move(*workbook);
  }
  response.AddHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
  response.AddHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddLeadExportRoutes(http::Router& router, const CrmContext& context) {
  router.Get("/api/v1/workspaces/{workspace}/leads/export",
             [&context](const http::Request& r) { return Export(context, r); });
}

}  // namespace api
