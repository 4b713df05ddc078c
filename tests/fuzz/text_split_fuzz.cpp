// Fuzz target: splitting and sending arbitrary (AI-written) text. Every part fits the channel,
// no part is blank, and every part builds a valid send request.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "channels/capabilities.h"
#include "channels/sender.h"
#include "channels/text_split.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks a small limit, so that short inputs split too.
  const std::size_t max_length = data[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  for (const std::string& part : channels::SplitText(text, max_length)) {
    if (part.empty() || channels::Utf16Length(part) > std::max<std::size_t>(max_length, 2)) {
      std::abort();
    }
  }
  channels::SendTarget target;
  target.api_version = "v25.0";
  target.account_id = "106540352242922";
  target.access_token = "EAAGfuzz";
  target.recipient_id = "16505551234";
  for (const core::Channel channel :
       {core::Channel::kWhatsapp, core::Channel::kMessenger, core::Channel::kInstagram}) {
    target.channel = channel;
    for (const std::string& part : channels::SplitForChannel(channel, text)) {
      channels::OutgoingText outgoing;
      outgoing.text = part;
      if (!channels::BuildSend(target, outgoing).ok()) std::abort();
    }
  }
  return 0;
}
