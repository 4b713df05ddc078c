// The web assets: every file of web/ (the web chat's page and script, the dashboard under app/),
// compiled into the binary by tools/embed_web_assets.cmake, so the server needs no files and no
// CDN. The table is generated at build time; nothing here changes at run time.
#pragma once

#include <span>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace app {

struct WebAsset {
  std::string_view path;          // relative to web/: "chat.html", "app/index.html"
  std::string_view content_type;  // from the extension: "text/css; charset=utf-8"
  std::string_view bytes;
  std::string_view gzip;  // the bytes gzip-compressed at build time; empty when not smaller
  std::string_view etag;  // a quoted hash of `bytes`, made at build time: "\"1a2b3c4d5e6f7a8b\""
};

// Every asset, sorted by path.
std::span<const WebAsset> WebAssets();

// The asset at `path` ("app/app.css"), or nullptr.
const WebAsset* FindWebAsset(std::string_view path);

// The asset as a 200 for `request` with its Content-Type, its ETag and Cache-Control: no-cache
// (browsers revalidate every time, so a new binary's assets are seen at once); the gzip variant
// (Content-Encoding: gzip) when there is one and the request accepts gzip; a 304 without a body
// when If-None-Match names the ETag.
http::Response AssetResponse(const WebAsset& asset, const http::Request& request);

// Whether an Accept-Encoding value accepts gzip ("gzip, br"; not "gzip;q=0" nor "identity").
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace app
