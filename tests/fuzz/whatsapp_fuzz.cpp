// Fuzz target: ParseCallback for Whatsapp bodies. Any input must parse or fail cleanly: no crash,
// no exception, no sanitizer report; every event it yields has a dedupe key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "channels/callback.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto events = channels::ParseCallback(core::Channel::kWhatsapp, body);
  if (!events.ok()) return 0;
  for (const channels::InboundEvent& event : *events) {
    if (event.channel != core::Channel::kWhatsapp || channels::DedupeKey(event).empty())
      std::abort();
  }
  return 0;
}
