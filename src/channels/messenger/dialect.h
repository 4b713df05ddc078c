// Internal: how Instagram Messaging differs from Messenger. Both are the Messenger Platform
// shape (entry[].messaging[] items with sender, recipient, timestamp and one event key), so one
// parser serves both, told the differences as data.
#pragma once

#include <string_view>

#include "core/enums.h"

namespace channels::messenger {

struct Dialect {
  core::Channel channel = core::Channel::kMessenger;
  std::string_view name;  // in summaries: "[messenger event: optin]"
  // Messenger: an echo's app_id tells our sends, the Page Inbox (or none) and other apps apart.
  // Instagram: payloads carry no reliable app_id; only our sent-message ledger can tell.
  bool echo_app_id_identifies_sender = true;
};

inline constexpr Dialect kMessengerDialect{core::Channel::kMessenger, "messenger", true};
inline constexpr Dialect kInstagramDialect{core::Channel::kInstagram, "instagram", false};

}  // namespace channels::messenger
