// Does the customer ask for a person? Rules over clauses, for English, Spanish and Portuguese at
// once (customers mix languages; the word lists do not collide where it matters).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "brain/local/clause.h"

namespace brain {

enum class HandoffCue {
  kNone,
  // A request: "let me talk to a person", "transfer me to reception", "quiero un agente",
  // "pode me passar para um atendente?", "call me back", "I don't want to deal with a bot".
  kRequest,
  // Only a bare role noun ("human please", "manager", "recepción"): a request, unless the
  // customer is answering a question ("What is your position?" - "Manager").
  kBareRole,
};

// The strongest handoff cue in `clauses`. A request under negation in its clause ("no need for a
// human", "no quiero hablar con una persona", "não preciso de atendente") does not count; a
// negation ends at a clause break or a word like "but"/"please"/"pero". Thread-safe.
HandoffCue DetectHandoff(std::span<const Clause> clauses);

// The words to search the catalog and context with: those of the clauses that are not about
// talking to a person ("I don't need a human, do you have mugs?" searches for mugs); all of them
// when every clause is.
std::vector<std::string> TopicWords(std::span<const Clause> clauses);

}  // namespace brain
