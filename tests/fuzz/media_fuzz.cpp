// Fuzz target: the Graph API's answers about media (ParseMediaInfo, ParseUploadedMediaId) on
// arbitrary bodies. Any input must parse or fail cleanly; a parsed url is always http(s).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "channels/file_send.h"
#include "channels/media.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  if (const auto info = channels::ParseMediaInfo(body); info.ok()) {
    if (!info->url.starts_with("https://") && !info->url.starts_with("http://")) std::abort();
  }
  for (const core::Channel channel : {core::Channel::kWhatsapp, core::Channel::kInstagram}) {
    if (const auto id = channels::ParseUploadedMediaId(channel, body); id.ok() && id->empty()) {
      std::abort();
    }
  }
  return 0;
}
