#include "api/webhook_routes.h"

#include "api/access.h"
#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

json WebhookJson(const core::Webhook& w) {
  return {{"id", w.id}, {"url", w.url}, {"created_at", base::FormatTime(w.created_at)}};
}

// An absolute http(s) URL of printable ASCII without spaces; the client checks the rest when it
// posts.
base::Status CheckUrl(const std::string& url) {
  const bool scheme = url.starts_with("https://") || url.starts_with("http://");
  const std::size_t host = url.find("://") + 3;
  if (!scheme || url.size() <= host || url.size() > kMaxWebhookUrlBytes) {
    return base::Error::InvalidArgument("url must be an http:// or https:// URL of at most " +
                                        std::to_string(kMaxWebhookUrlBytes) + " characters");
  }
  for (const char c : url) {
    if (c <= ' ' || c > '~') {
      return base::Error::InvalidArgument("url may not contain spaces or control characters");
    }
  }
  return base::Status::Ok();
}

base::Status CheckSecret(const std::string& secret) {
  if (secret.size() < kMinWebhookSecretBytes || secret.size() > kMaxWebhookSecretBytes) {
    return base::Error::InvalidArgument("secret must be " + std::to_string(kMinWebhookSecretBytes) +
                                        " to " + std::to_string(kMaxWebhookSecretBytes) +
                                        " characters");
  }
  return base::Status::Ok();
}

struct Context {
  Auth& auth;
  core::Store& store;
  core::Users& users;
  core::Webhooks& webhooks;
  const base::Clock& clock;
};

http::Response List(const Context& c, const http::Request& r) {
  auto access = Authorize(c.auth, c.store, c.users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  auto webhooks = c.webhooks.ListWebhooks(access->workspace.id);
  if (!webhooks.ok()) return ErrorResponse(webhooks.error());
  json list = json::array();
  for (const core::Webhook& w : *webhooks) list.push_back(WebhookJson(w));
  return JsonResponse(200, {{"webhooks", list}});
}

http::Response Add(const Context& c, const http::Request& r) {
  auto access = Authorize(c.auth, c.store, c.users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  auto body = JsonObject(r);
  if (!body.ok()) return ErrorResponse(body.error());
  const auto url = StringField(*body, "url");
  const auto secret = StringField(*body, "secret");
  if (!url || !secret) {
    return ErrorResponse(base::Error::InvalidArgument("url and secret are required strings"));
  }
  if (base::Status ok = CheckUrl(*url); !ok.ok()) return ErrorResponse(ok.error());
  if (base::Status ok = CheckSecret(*secret); !ok.ok()) return ErrorResponse(ok.error());
  auto created = c.webhooks.CreateWebhook(access->workspace.id, *url, *secret, c.clock.Now());
  if (!created.ok()) return ErrorResponse(created.error());
  return JsonResponse(201, WebhookJson(*created));
}

http::Response Remove(const Context& c, const http::Request& r) {
  auto access = Authorize(c.auth, c.store, c.users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  const auto id = IdParam(r, "webhook_id");
  if (!id) return ErrorResponse(base::Error::NotFound("webhook not found"));
  if (base::Status done = c.webhooks.DeleteWebhook(access->workspace.id, *id); !done.ok()) {
    return ErrorResponse(done.error());
  }
  return http::Response::NoContent();
}

}  // namespace

void AddWebhookRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                      core::Webhooks& webhooks, const base::Clock& clock) {
  const Context c{auth, store, users, webhooks, clock};
  constexpr std::string_view kWebhooks = "/api/v1/workspaces/{workspace}/webhooks";
  router.Get(kWebhooks, [c](const http::Request& r) { return List(c, r); });
  router.Post(kWebhooks, [c](const http::Request& r) { return Add(c, r); });
  router.Delete(std::string(kWebhooks) + "/{webhook_id}",
                [c](const http::Request& r) { return Remove(c, r); });
}

}  // namespace api
