// Internal: Messenger Platform Send API bodies, shared with Instagram (reference §3.3, §3.4).
#pragma once

#include <string>

#include "channels/sender.h"

namespace channels::messenger {

// message.metadata holds at most this many characters.
inline constexpr std::size_t kMaxMetadata = 1000;

// REQUIRES: target and text validated by BuildSend. `with_metadata`: the channel carries it.
std::string TextBody(const SendTarget& target, const OutgoingText& text, bool with_metadata);

// {"recipient":{"id":…},"sender_action":action}: "typing_on" or "mark_seen".
std::string SenderActionBody(const SendTarget& target, std::string_view action);

}  // namespace channels::messenger
