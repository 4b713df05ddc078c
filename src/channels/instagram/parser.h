// Instagram Messaging callbacks (object "instagram", reference §2.3): the Messenger Platform
// shape, parsed by channels/messenger with the Instagram dialect (echoes need the ledger, reads
// name a mid, unsent messages are kDelete).
#pragma once

#include <vector>

#include "channels/inbound_event.h"
#include "channels/json_fields.h"

namespace channels::instagram {

// REQUIRES: root is an object whose "object" is "instagram".
std::vector<InboundEvent> ParseEntries(const fields::Json& root);

}  // namespace channels::instagram
