#include "app/web_assets.h"

#include <algorithm>
#include <string>

#include "base/strings.h"

namespace app {
namespace {

constexpr int kNotModified = 304;
constexpr std::string_view kGzipTagSuffix = "-gz";

// Calls `f` on each trimmed element of a comma-separated header value.
template <typename F>
void ForEachElement(std::string_view list, F f) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    f(base::Trim(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// The gzip variant is another representation, so it has its own strong ETag: "<hash>-gz".
std::string GzipEtag(std::string_view etag) {
  std::string tag(etag.substr(0, etag.size() - 1));
  return tag.append(kGzipTagSuffix).append("\"");
}

bool NotModified(const WebAsset& asset, const http::Request& request) {
  const auto header = request.Header("If-None-Match");
  if (!header) return false;
  bool match = false;
  ForEachElement(*header, [&](std::string_view tag) {
    if (tag.starts_with("W/")) tag.remove_prefix(2);  // weak comparison, as If-None-Match uses
    match = match || tag == "*" || tag == asset.etag || tag == GzipEtag(asset.etag);
  });
  return match;
}

// Whether the parameters of an Accept-Encoding element ("q=0", "q=0.000") refuse the coding.
bool RefusedByQuality(std::string_view params) {
  bool refused = false;
  std::size_t start = 0;
  while (start <= params.size()) {
    const std::size_t end = std::min(params.find(';', start), params.size());
    const std::string_view param = base::Trim(params.substr(start, end - start));
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      const std::string_view q = param.substr(2);
      refused = q[0] == '0' && q.find_first_not_of("0.") == std::string_view::npos;
    }
    start = end + 1;
  }
  return refused;
}

}  // namespace

const WebAsset* FindWebAsset(std::string_view path) {
  const auto assets = WebAssets();
  const auto it =
      std::lower_bound(assets.begin(), assets.end(), path,
                       [](const WebAsset& a, std::string_view p) { return a.path < p; });
  return it != assets.end() && it->path == path ? &*it : nullptr;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  bool accepts = false;
  ForEachElement(accept_encoding, [&](std::string_view element) {
    const std::size_t semicolon = element.find(';');
    const std::string coding = base::AsciiLower(base::Trim(element.substr(0, semicolon)));
    if (coding != "gzip" && coding != "*") return;
    accepts = accepts || semicolon == std::string_view::npos ||
              !RefusedByQuality(element.substr(semicolon + 1));
  });
  return accepts;
}

http::Response AssetResponse(const WebAsset& asset, const http::Request& request) {
  const bool gzip =
      !asset.gzip.empty() && AcceptsGzip(request.Header("Accept-Encoding").value_or(""));
  http::Response response;
  response.AddHeader("ETag", gzip ? GzipEtag(asset.etag) : std::string(asset.etag));
  response.AddHeader("Cache-Control", "no-cache");
  if (!asset.gzip.empty()) response.AddHeader("Vary", "Accept-Encoding");
  if (NotModified(asset, request)) {
    response.status = kNotModified;
    return response;
  }
  response.content_type = std::string(asset.content_type);
  if (gzip) {
    response.AddHeader("Content-Encoding", "gzip");
    response.body = std::string(asset.gzip);
  } else {
    response.body = std::string(asset.bytes);
  }
  return response;
}

}  // namespace app
