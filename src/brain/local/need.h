// Does the customer say what they need, and does a qualification question ask for it? For taking
// the problem a customer described in their first message as the answer to "What do you need help
// with?" rather than asking it. English, Spanish and Portuguese at once.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "brain/local/clause.h"

namespace brain {

// True when a clause states the customer's own need or problem, neither asking a question nor
// asking for the business's information: "I need a work visa", "my chain broke", "we're looking
// for an accountant", "necesito renovar mi residencia", "meu pneu furou". A need with nothing in
// it ("I need help") does not count. Thread-safe.
bool StatesNeed(std::span<const Clause> clauses);

// True when the first sentence of `question` asks what the customer needs or what their problem
// is ("Which service do you need help with?", "What's wrong with your bike?", "¿En qué podemos
// ayudarte?", "Qual é o problema?"): it opens with "what", "which", "how", "tell"… and names a
// need, and it asks neither yes or no ("Do you need an invoice?") nor when, where or how much
// ("When do you need it by?"). Thread-safe.
bool AsksForNeed(std::string_view question);

// `text` without the small talk it opens with ("Hi! My chain broke" -> "My chain broke"),
// trimmed; `text` trimmed when it is all small talk.
std::string WithoutOpeningSmallTalk(std::string_view text);

}  // namespace brain
