// The local brain's own words, in the customer's language.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "brain/local/passage.h"
#include "core/enums.h"
#include "core/product.h"

namespace brain {

inline constexpr std::size_t kMaxAttributesInReply = 3;
inline constexpr std::size_t kMaxDescriptionChars = 160;
inline constexpr std::size_t kMaxQuoteChars = 720;
inline constexpr std::size_t kMaxDetailQuoteChars = 120;

std::string GreetingReply(core::Language language);   // "Hi! How can I help you?"
std::string ThanksReply(core::Language language);     // "You're welcome!"
std::string AnswerThanks(core::Language language);    // after an answer to a question: "Thanks!"
std::string NoProblemReply(core::Language language);  // to "not sure": "No problem."

// The honest "I don't know" that offers a person.
std::string Fallback(core::Language language);

// The honest reply to what the brain cannot read: what it cannot open, then a request for words
// ("I can't open images here. Could you tell me in words what you need?"). One kind of
// attachment is named (a location or a contact card is thanked for); a mix gets a general
// wording. Stickers are left out, as emoji are: empty when `attachments` holds nothing else.
std::string CannotRead(std::span<const core::Attachment> attachments, core::Language language);

// True when `ai_text` contains the fallback's offer of a person, in any language.
bool OffersPerson(std::string_view ai_text);

// Name, price with currency, stock and notable attributes of each product; one product gets a
// sentence, several a list. REQUIRES: !products.empty().
std::string DescribeProducts(std::span<const core::Product* const> products,
                             core::Language language);

// No product has what the customer specified (`unmatched`, "10 speed"): says so, then lists the
// closest as alternatives. REQUIRES: !products.empty().
std::string DescribeAlternatives(std::string_view unmatched,
                                 std::span<const core::Product* const> products,
                                 core::Language language);

// The sentences of a passage under `heading` (without a parenthesised part, where owners put the
// heading's translations), introduced in `language`: a sentence alone, a list item after the
// heading, several as a list. Cut to about kMaxQuoteChars at a word boundary.
std::string QuoteSentences(std::string_view heading, std::span<const Sentence> sentences,
                           core::Language language);

// At most `max_chars` bytes of `utf8`, cut before a word (never inside a UTF-8 sequence), with
// "…" when cut.
std::string Shorten(std::string_view utf8, std::size_t max_chars);

}  // namespace brain
