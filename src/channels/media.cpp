#include "channels/media.h"

#include <cctype>
#include <string>

#include "channels/json_fields.h"
#include "channels/request_checks.h"

namespace channels {
namespace {

constexpr std::size_t kMaxUrlLength = 4096;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// An absolute http(s) URL of visible ASCII: nothing that could end the request line.
bool IsUrl(std::string_view url) {
  if (url.empty() || url.size() > kMaxUrlLength) return false;
  if (!StartsWith(url, "https://") && !StartsWith(url, "http://")) return false;
  for (const char c : url) {
    if (std::isgraph(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

OutboundRequest Get(std::string path, std::string_view access_token) {
  OutboundRequest request;
  request.method = "GET";
  request.path = std::move(path);
  if (!access_token.empty()) {
    request.headers.push_back({"Authorization", "Bearer " + std::string(access_token)});
  }
  return request;
}

}  // namespace

base::Result<OutboundRequest> BuildMediaInfoRequest(std::string_view api_version,
                                                    std::string_view access_token,
                                                    std::string_view media_id) {
  if (!IsApiVersion(api_version)) {
    return base::Error::InvalidArgument("Graph API version must look like \"v25.0\"");
  }
  if (!IsToken(access_token)) {
    return base::Error::InvalidArgument("the access token is missing or malformed");
  }
  if (!AllDigits(media_id)) return base::Error::InvalidArgument("the media id must be digits");
  return Get("/" + std::string(api_version) + "/" + std::string(media_id), access_token);
}

base::Result<MediaInfo> ParseMediaInfo(std::string_view body) {
  const fields::Json json = fields::Json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return base::Error::InvalidArgument("the media description is not a JSON object");
  }
  MediaInfo info{fields::String(json, "url"), fields::String(json, "mime_type"),
                 fields::Integer(json, "file_size")};
  if (!IsUrl(info.url)) return base::Error::InvalidArgument("the media description has no url");
  return info;
}

base::Result<OutboundRequest> BuildMediaDownload(core::Channel channel, std::string_view url,
                                                 std::string_view access_token) {
  if (!IsUrl(url)) return base::Error::InvalidArgument("the media URL is not an http(s) URL");
  if (channel != core::Channel::kWhatsapp) return Get(std::string(url), {});
  if (!IsToken(access_token)) {
    return base::Error::InvalidArgument("the access token is missing or malformed");
  }
  return Get(std::string(url), access_token);
}

}  // namespace channels
