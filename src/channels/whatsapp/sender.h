// Internal: WhatsApp Cloud API send bodies (reference §3.2).
#pragma once

#include <string>
#include <string_view>

#include "channels/sender.h"

namespace channels::whatsapp {

// biz_opaque_callback_data holds at most this many characters.
inline constexpr std::size_t kMaxCallbackData = 512;

// REQUIRES: target and text validated by BuildSend.
std::string TextBody(const SendTarget& target, const OutgoingText& text);

// Marks `message_id` read and shows the typing indicator.
std::string TypingBody(std::string_view message_id);

}  // namespace channels::whatsapp
