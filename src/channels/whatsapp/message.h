// Internal: one WhatsApp messages[] or message_echoes[] element to an InboundEvent.
#pragma once

#include <string>

#include "channels/inbound_event.h"
#include "channels/json_fields.h"

namespace channels::whatsapp {

// What the change around a message says: the account and the contacts[] of the value.
struct ChangeContext {
  std::string account_id;  // value.metadata.phone_number_id
  const fields::Json* value = nullptr;
};

// A WhatsApp errors[] element: code, title (or message) and error_data.details.
ProviderError ReadError(const fields::Json& error);

// A customer's message (messages[]): kMessage, kReaction, kEdit or kDelete; kUnsupported for
// system notices, group messages and items without an id, a sender or a timestamp.
InboundEvent ParseInboundMessage(const fields::Json& message, const ChangeContext& context);

// The owner's message from the WhatsApp Business app (message_echoes[]): the same kinds, with
// `echo` set and the customer being the recipient (`to`, digits only, or `to_user_id`).
InboundEvent ParseEchoMessage(const fields::Json& message, const ChangeContext& context);

}  // namespace channels::whatsapp
