// WhatsApp Cloud API callbacks (object "whatsapp_business_account", reference §2.1).
#pragma once

#include <vector>

#include "channels/inbound_event.h"
#include "channels/json_fields.h"

namespace channels::whatsapp {

// The events of every entry[].changes[]: field "messages" (messages[], statuses[], errors[]) and
// "smb_message_echoes" (message_echoes[]); any other field is one kUnsupported event naming it.
// Events are routed on value.metadata.phone_number_id.
// REQUIRES: root is an object whose "object" is "whatsapp_business_account".
std::vector<InboundEvent> ParseEntries(const fields::Json& root);

}  // namespace channels::whatsapp
