#include "core/channel_account.h"

namespace core {

std::string_view ToString(ChannelStatus v) {
  switch (v) {
    case ChannelStatus::kConnected:
      return "connected";
    case ChannelStatus::kNotConnected:
      return "not_connected";
    case ChannelStatus::kReconnectionNeeded:
      return "reconnection_needed";
  }
  return "not_connected";
}

std::optional<ChannelStatus> ParseChannelStatus(std::string_view s) {
  for (ChannelStatus v : {ChannelStatus::kConnected, ChannelStatus::kNotConnected,
                          ChannelStatus::kReconnectionNeeded}) {
    if (ToString(v) == s) return v;
  }
  return std::nullopt;
}

}  // namespace core
