#include "api/notification_routes.h"

#include "api/crm_input.h"
#include "api/crm_json.h"
#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

constexpr std::size_t kDefaultNotifications = 50;
constexpr std::size_t kMaxNotifications = 100;

http::Response List(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  auto before = IdQuery(r, "before");
  if (!before.ok()) return ErrorResponse(before.error());
  auto limit = LimitParam(r, kDefaultNotifications, kMaxNotifications);
  if (!limit.ok()) return ErrorResponse(limit.error());
  auto page = c.crm.PageNotifications(access->workspace.id, *before, *limit);
  if (!page.ok()) return ErrorResponse(page.error());
  json list = json::array();
  for (const core::Notification& n : page->notifications) list.push_back(NotificationJson(n));
  return JsonResponse(
      200, {{"notifications", list},
            {"unread", page->unread},
            {"next_before", page->next_before ? json(*page->next_before) : json(nullptr)}});
}

http::Response Read(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  const auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(base::Error::NotFound("notification not found"));
  if (base::Status done = c.crm.MarkNotificationRead(access->workspace.id, *id); !done.ok()) {
    return ErrorResponse(done.error());
  }
  return http::Response::NoContent();
}

http::Response ReadAll(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  if (base::Status done = c.crm.MarkAllNotificationsRead(access->workspace.id); !done.ok()) {
    return ErrorResponse(done.error());
  }
  return http::Response::NoContent();
}

}  // namespace

void AddNotificationRoutes(http::Router& router, const CrmContext& context) {
  const std::string base = "/api/v1/workspaces/{workspace}/notifications";
  const CrmContext& c = context;
  router.Get(base, [&c](const http::Request& r) { return List(c, r); });
  router.Post(base + "/{id}/read", [&c](const http::Request& r) { return Read(c, r); });
  router.Post(base + "/read-all", [&c](const http::Request& r) { return ReadAll(c, r); });
}

}  // namespace api
