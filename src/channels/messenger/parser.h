// Messenger Platform callbacks (object "page", reference §2.2), and the envelope shared with
// Instagram Messaging (§2.3).
#pragma once

#include <vector>

#include "channels/inbound_event.h"
#include "channels/json_fields.h"
#include "channels/messenger/dialect.h"

namespace channels::messenger {

// The events of every entry[]: its messaging[] items, its standby[] items (flagged `standby`:
// another app owns the thread) and its changes[] whose value is a messaging item (the Instagram
// dashboard's test events); any other change is one kUnsupported event naming its field.
// Events are routed on entry[].id (the Page or Instagram account id).
// REQUIRES: root is an object whose "object" is the dialect's ("page" or "instagram").
std::vector<InboundEvent> ParseMessagingEntries(const fields::Json& root, const Dialect& dialect);

// ParseMessagingEntries for Messenger.
std::vector<InboundEvent> ParseEntries(const fields::Json& root);

}  // namespace channels::messenger
