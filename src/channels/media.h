// Downloading what a customer sent (reference §3.6): the Graph API requests, built as plain
// values, and the reading of WhatsApp's media description. Sending them is the caller's.
//
//   WhatsApp:  GET /{version}/{media-id} with the token gives {"url", "mime_type", "file_size"};
//              then GET that URL, with the token again, gives the bytes (the URL lasts 5 minutes).
//   Messenger, Instagram: the callback's attachment payload.url gives the bytes, without a token.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "channels/sender.h"
#include "core/enums.h"

namespace channels {

// WhatsApp's description of a media.
struct MediaInfo {
  std::string url;        // where its bytes are (absolute https URL)
  std::string mime_type;  // "" when not said
  std::optional<std::int64_t> file_size;
};

// WhatsApp: GET /{version}/{media_id} with the token in the Authorization header.
// kInvalidArgument when the version, the token or the media id is malformed (the id must be
// digits), naming which, never the token.
base::Result<OutboundRequest> BuildMediaInfoRequest(std::string_view api_version,
                                                    std::string_view access_token,
                                                    std::string_view media_id);

// Reads the answer to BuildMediaInfoRequest. kInvalidArgument when it is not JSON or has no
// http(s) url.
base::Result<MediaInfo> ParseMediaInfo(std::string_view body);

// The GET of a media's bytes at `url` (its `path` is the absolute URL). WhatsApp URLs need the
// token (in the Authorization header); Messenger/Instagram attachment URLs carry their own
// signature and get none. kInvalidArgument when the URL is not http(s) or has characters that
// do not belong, or the token is malformed.
base::Result<OutboundRequest> BuildMediaDownload(core::Channel channel, std::string_view url,
                                                 std::string_view access_token);

}  // namespace channels
