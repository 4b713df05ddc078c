// ParseCallback: the one entry point from a Meta callback body to InboundEvents.
//
// Pure: no I/O, no clock. Check the signature (channels/signature.h) on the same raw bytes first.
#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "channels/inbound_event.h"
#include "core/enums.h"

namespace channels {

// Every event of the payload, in payload order (entries, then changes / messaging items, then
// array elements). An empty vector when the payload holds no event.
//
// kInvalidArgument, with a message safe to show, when the body is not JSON, not a JSON object,
// has no `entry` array, or its `object` is not the channel's ("whatsapp_business_account",
// "page", "instagram"); kWeb has no callbacks and always fails. Malformed parts inside a valid
// envelope (an item without an id or a timestamp, an unknown event, a field of the wrong type)
// become kUnsupported events, so one bad item never holds back the rest of the batch. Unknown
// fields are ignored. Never throws.
base::Result<std::vector<InboundEvent>> ParseCallback(core::Channel channel,
                                                      std::string_view raw_body);

// The channel a payload is for, read from its `object`, for an endpoint shared by the three
// products. kInvalidArgument when the body is not a JSON object or the object is unknown.
base::Result<core::Channel> DetectChannel(std::string_view raw_body);

}  // namespace channels
