// The CRM dashboard, a single page served from the binary's web assets (web/app/):
//
//   GET /            302 to /app/
//   GET /app         302 to /app/
//   GET /app/        the page (web/app/index.html)
//   GET /app/{file}  every other file of web/app/ (scripts, styles), by its exact name
//
// Each answer carries an ETag and Cache-Control: no-cache, a 304 when the browser has it, and
// the gzip variant when the browser accepts it (see AssetResponse). The page's own screens use
// the URL's fragment (#/...), so no other path is needed.
#pragma once

#include "http/router.h"

namespace app {

void AddDashboardRoutes(http::Router& router);

}  // namespace app
