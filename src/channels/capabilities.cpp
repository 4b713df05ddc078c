#include "channels/capabilities.h"

#include <array>
#include <limits>

namespace channels {
namespace {

using std::chrono::hours;

constexpr base::Duration kServiceWindow = hours{24};
constexpr base::Duration kHumanAgentWindow = hours{24 * 7};
constexpr std::size_t kWhatsappMaxText = 4096;   // text.body
constexpr std::size_t kMessengerMaxText = 2000;  // message.text
constexpr std::size_t kInstagramMaxText = 1000;  // reported, unverified: the safe side
constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

constexpr std::array<ChannelCapabilities, 4> kCapabilities{{
    {core::Channel::kWhatsapp, kServiceWindow, std::nullopt, kWhatsappMaxText,
     /*echo_needs_ledger_match=*/false, /*send_metadata_supported=*/true},
    {core::Channel::kMessenger, kServiceWindow, kHumanAgentWindow, kMessengerMaxText,
     /*echo_needs_ledger_match=*/false, /*send_metadata_supported=*/true},
    // Instagram echoes carry no reliable app_id, and metadata is not known to come back.
    {core::Channel::kInstagram, kServiceWindow, kHumanAgentWindow, kInstagramMaxText,
     /*echo_needs_ledger_match=*/true, /*send_metadata_supported=*/false},
    {core::Channel::kWeb, std::nullopt, std::nullopt, kNoLimit,
     /*echo_needs_ledger_match=*/false, /*send_metadata_supported=*/false},
}};

bool IsPerson(core::Author author) {
  return author == core::Author::kHumanCrm || author == core::Author::kHumanApp;
}

}  // namespace

const ChannelCapabilities& CapabilitiesOf(core::Channel channel) {
  for (const ChannelCapabilities& capabilities : kCapabilities) {
    if (capabilities.channel == channel) return capabilities;
  }
  return kCapabilities.back();  // unreachable: every channel is listed
}

std::string_view ToString(SendPermission v) {
  switch (v) {
    case SendPermission::kSend:
      return "send";
    case SendPermission::kSendWithHumanAgentTag:
      return "send_with_human_agent_tag";
    case SendPermission::kRefuseWindowClosed:
      return "refuse_window_closed";
  }
  return "refuse_window_closed";
}

SendDecision DecideSend(core::Channel channel, core::Author author,
                        std::optional<base::TimePoint> last_customer_message_at,
                        base::TimePoint now) {
  const ChannelCapabilities& capabilities = CapabilitiesOf(channel);
  if (!capabilities.service_window) return {SendPermission::kSend, std::nullopt};
  if (!last_customer_message_at) return {SendPermission::kRefuseWindowClosed, std::nullopt};
  const base::TimePoint window_end = *last_customer_message_at + *capabilities.service_window;
  if (now < window_end) return {SendPermission::kSend, window_end};
  if (IsPerson(author) && capabilities.human_agent_window) {
    const base::TimePoint tag_end = *last_customer_message_at + *capabilities.human_agent_window;
    if (now < tag_end) return {SendPermission::kSendWithHumanAgentTag, tag_end};
  }
  return {SendPermission::kRefuseWindowClosed, std::nullopt};
}

}  // namespace channels
