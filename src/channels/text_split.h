// Splitting a reply that is longer than a channel allows into several sends, at word boundaries.
//
// The outbox splits before it queues (one queued item per part), so each part is sent, retried
// and acknowledged on its own and a retry never resends an earlier part.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"

namespace channels {

// The length of UTF-8 `text` in UTF-16 code units: what Meta's limits most likely count, and
// never less than the code points (characters beyond the BMP, like most emoji, count 2). A byte
// that does not start a valid sequence counts 1.
std::size_t Utf16Length(std::string_view text);

// `text` without its leading and trailing whitespace, cut into parts of at most `max_length`
// UTF-16 code units, in order. Each cut is at the last paragraph break or line break in the
// second half of the part, else at the last space, else (one word longer than the limit) between
// two code points. Whitespace at a cut is dropped; no part is empty. Text that fits is one part;
// empty or blank text is no part. REQUIRES: max_length > 0 (0 is read as 1).
std::vector<std::string> SplitText(std::string_view text, std::size_t max_length);

// SplitText at the channel's max_text_length (channels/capabilities.h).
std::vector<std::string> SplitForChannel(core::Channel channel, std::string_view text);

}  // namespace channels
