// Which of the supported languages a short chat message is written in.
#pragma once

#include <span>
#include <string_view>

#include "core/enums.h"
#include "text/stemmer.h"
#include "text/tokenizer.h"

namespace brain {

// The language of `utf8` among English, Spanish and Portuguese, from function words and spelling
// cues ("ñ", "¿", "ã", "-ção"). Returns `fallback` when the cues tie or there are none ("ok").
// Thread-safe.
core::Language DetectLanguage(std::string_view utf8, core::Language fallback);

// As above for text already tokenized (see text::Tokenize); `utf8` is the text itself.
core::Language DetectLanguage(std::string_view utf8, std::span<const text::Token> tokens,
                              core::Language fallback);

// The stemmer language of `language`.
text::Language StemLanguage(core::Language language);

}  // namespace brain
