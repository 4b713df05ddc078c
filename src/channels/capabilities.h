// Channel facts as data (reference §3, §4, §8): the workflow and the outbox read these instead
// of asking which channel they are on.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

#include "base/time.h"
#include "core/enums.h"

namespace channels {

struct ChannelCapabilities {
  core::Channel channel = core::Channel::kWeb;
  // Free-form messages may be sent until this long after the customer's last message; nullopt:
  // no window (web chat). Our own and the owner's messages never open or extend it.
  std::optional<base::Duration> service_window;
  // Messenger/Instagram: a person (never the AI) may still reply under the HUMAN_AGENT tag until
  // this long after the customer's last message. nullopt: the channel has no such tag.
  std::optional<base::Duration> human_agent_window;
  // The longest text one send may carry, in UTF-16 code units (see channels/text_split.h).
  std::size_t max_text_length = 0;
  // The payload of an echo cannot tell our sends from a person's: match the sent-message ledger.
  bool echo_needs_ledger_match = false;
  // The send request can carry our correlation string, returned on receipts or echoes.
  bool send_metadata_supported = false;
};

// The facts of `channel`. Never fails: every core::Channel has an entry.
const ChannelCapabilities& CapabilitiesOf(core::Channel channel);

enum class SendPermission {
  kSend,                   // inside the window: send as usual
  kSendWithHumanAgentTag,  // Messenger/Instagram, a person, 24 h to 7 days: tag HUMAN_AGENT
  kRefuseWindowClosed,     // nothing free-form may be sent (WhatsApp: only a template)
};

struct SendDecision {
  SendPermission permission = SendPermission::kRefuseWindowClosed;
  // When the permission lapses (exclusive); nullopt when it never does (web) or for a refusal.
  std::optional<base::TimePoint> until;
};

std::string_view ToString(SendPermission v);

// May a message by `author` go to a customer whose last message was at `last_customer_message_at`
// (nullopt: the customer never wrote), at `now`? Only kHumanCrm and kHumanApp count as a person;
// every other author (the AI, system notices) is automated and never gets the HUMAN_AGENT tag.
// The window is open while now < last + window. Web chat always sends.
SendDecision DecideSend(core::Channel channel, core::Author author,
                        std::optional<base::TimePoint> last_customer_message_at,
                        base::TimePoint now);

}  // namespace channels
