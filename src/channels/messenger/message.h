// Internal: the `message` object of a Messenger / Instagram messaging item.
#pragma once

#include "channels/inbound_event.h"
#include "channels/json_fields.h"

namespace channels::messenger {

// Sets event.content, text, has_words, payload, media_id and reply_to_message_id from `message`:
// its text, quick_reply, reply_to (a message or an Instagram story) and attachments[]. The text is
// the message's text followed by a summary of each attachment ("Is it in stock? [image]").
void ReadMessageContent(const fields::Json& message, InboundEvent& event);

}  // namespace channels::messenger
