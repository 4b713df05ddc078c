// Internal: one Messenger / Instagram messaging item (sender, recipient, timestamp and one event
// key: message, delivery, read, postback, reaction, message_edit, *_thread_control).
#pragma once

#include <string_view>
#include <vector>

#include "channels/inbound_event.h"
#include "channels/json_fields.h"
#include "channels/messenger/dialect.h"

namespace channels::messenger {

// Appends the item's events to `out`: one, except a delivery naming several mids (one kStatus
// each). `entry_id` is the Page / Instagram account id; `standby` marks items of entry.standby[].
void ParseMessagingItem(const fields::Json& item, const Dialect& dialect, std::string_view entry_id,
                        bool standby, std::vector<InboundEvent>& out);

}  // namespace channels::messenger
