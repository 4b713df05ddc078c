// The events that change a conversation. Every cause of change enters as one of these: the
// customer, the CRM, the messaging app, and durable timers.
#pragma once

#include <string>
#include <variant>

#include "base/time.h"
#include "core/enums.h"

namespace core {

// A customer wrote.
struct CustomerMessage {
  std::string text;
  base::TimePoint at;
  std::string provider_message_id;  // the channel's id (dedupe key); "" when it has none
  std::string customer_name;        // the name the channel shows (WhatsApp profile), if any
  // kNone when the customer wrote words; otherwise what they sent instead (a photo, a voice note,
  // a location...), which `text` only summarizes for people: "[image]".
  Attachment attachment = Attachment::kNone;
};

// A user replied from the CRM (author human_crm).
struct HumanReply {
  std::string text;
  std::string user;
  base::TimePoint at;
};

// The owner replied from the messaging app itself, seen as an echo (author human_app). `at` is
// the echo's own timestamp, which may be well before the echo is processed.
struct OwnerEcho {
  std::string text;
  base::TimePoint at;
  std::string provider_message_id;
};

// A user clicked Take manual control.
struct TakeControl {
  std::string user;
  base::TimePoint at;
};

// A user clicked Return to AI.
struct ReturnToAi {
  std::string user;
  base::TimePoint at;
};

// Something the channel reported that is shown on the timeline but never answered: a reaction,
// an edit, a deleted message (author system). Deduplicated by its provider id like a message.
struct ChannelNote {
  std::string text;
  base::TimePoint at;
  std::string provider_message_id;
};

// A durable timer came due. `due_at` is the time it was set for; a timer whose due time no
// longer matches the conversation (the pause moved) is ignored.
struct TimerFired {
  TimerKind kind = TimerKind::kResume;
  base::TimePoint due_at;
};

using Event = std::variant<CustomerMessage, HumanReply, OwnerEcho, TakeControl, ReturnToAi,
                           TimerFired, ChannelNote>;

}  // namespace core
