// The owner's business context read for customers: the facts a brain may answer from, apart from
// the directives it must follow and never show (directive.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "brain/local/directive.h"
#include "brain/local/passage.h"

namespace brain {

// A sentence of the context addressed to the assistant.
struct ContextRule {
  std::string text;  // as the owner wrote it, list marker dropped
  DirectiveKind kind = DirectiveKind::kRule;
  bool operator==(const ContextRule&) const = default;
};

struct BusinessContext {
  // The passages of SplitPassages without their directives; a passage left empty is dropped.
  std::vector<Passage> passages;
  std::vector<std::vector<Sentence>> sentences;  // parallel to passages: each one's facts
  std::vector<ContextRule> rules;                // in the context's order
};

// Splits `context` into passages and sorts each sentence into a fact or a rule. Never fails.
BusinessContext ReadBusinessContext(std::string_view context);

// The facts, one passage after another as Display shows them: the context a customer may read.
std::string FactsText(const BusinessContext& context);

}  // namespace brain
