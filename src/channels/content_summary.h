// Internal: the short, human-readable stand-ins for content the AI cannot read ("[image]",
// "[location: 38.72, -9.14 Lisbon]"), shared by every channel's parser so they read alike.
#pragma once

#include <string>
#include <string_view>

#include "channels/inbound_event.h"

namespace channels {

// "[label]", or "[label: detail]" when detail is not empty.
std::string Bracketed(std::string_view label, std::string_view detail = {});

// "[image]", "[audio]", "[video]", "[document]", "[sticker]", "[contacts]", "[shared content]",
// "[unsupported message]" ...: the summary of a content kind without any detail.
std::string Summary(ContentKind kind);

// "[location: 38.72, -9.14 Lisbon, Rua Augusta 1]": two decimals (about a kilometre), then the
// place's name and address when present.
std::string LocationSummary(double latitude, double longitude, std::string_view name,
                            std::string_view address);

// Appends `part` to `text`, separated by one space.
void AppendPart(std::string& text, std::string_view part);

}  // namespace channels
