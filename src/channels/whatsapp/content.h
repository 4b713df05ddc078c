// Internal: the content of a WhatsApp message element (its `type` and the object of that name).
#pragma once

#include "channels/inbound_event.h"
#include "channels/json_fields.h"

namespace channels::whatsapp {

// Sets event.content, text, has_words, payload, media_id and mime_type from `message` (a messages[]
// or message_echoes[] element, or the `message` of an edit). Unknown types become
// ContentKind::kUnsupported with the summary "[unsupported message: <type>]".
void ReadContent(const fields::Json& message, InboundEvent& event);

}  // namespace channels::whatsapp
