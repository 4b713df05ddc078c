#include "app/dashboard_routes.h"

#include <string>

#include "app/web_assets.h"

namespace app {
namespace {

constexpr std::string_view kDashboardDir = "app/";
constexpr std::string_view kDashboardPath = "/app/";
constexpr std::string_view kPage = "app/index.html";
constexpr int kFound = 302;

http::Response RedirectToDashboard() {
  http::Response response;
  response.status = kFound;
  response.AddHeader("Location", std::string(kDashboardPath));
  return response;
}

}  // namespace

void AddDashboardRoutes(http::Router& router) {
  router.Get("/", [](const http::Request&) { return RedirectToDashboard(); });
  router.Get("/app", [](const http::Request&) { return RedirectToDashboard(); });
  for (const WebAsset& asset : WebAssets()) {
    if (!asset.path.starts_with(kDashboardDir)) continue;
    // The table is static: the handlers keep a pointer into it.
    const WebAsset* served = &asset;
    const std::string path =
        asset.path == kPage ? std::string(kDashboardPath) : "/" + std::string(asset.path);
    router.Get(path, [served](const http::Request& r) { return AssetResponse(*served, r); });
  }
}

}  // namespace app
