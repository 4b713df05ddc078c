// Checks of what goes into a Graph API request's path and headers (internal to channels/).
#pragma once

#include <string_view>

#include "base/result.h"
#include "channels/sender.h"

namespace channels {

// Non-empty and only ASCII digits.
bool AllDigits(std::string_view text);
// "v25.0".
bool IsApiVersion(std::string_view version);
// A token goes into a header: 1 to 4096 visible ASCII characters, nothing that could end it.
bool IsToken(std::string_view token);
// Ids go into JSON (and for WhatsApp the path): 1 to 128 letters, digits and . _ - +.
bool IsId(std::string_view id);
// kInvalidArgument, naming what is wrong but never the token, when: the channel is kWeb; the
// version is not like "v25.0"; the token, recipient or (WhatsApp) phone number id is empty or
// has characters that do not belong.
base::Status CheckTarget(const SendTarget& target);

}  // namespace channels
