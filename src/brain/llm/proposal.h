// The model's proposal for a turn, from what it answered in either output mode: the JSON object
// of structured output (in the message's content), or the final calls of tool calling (respond,
// and the aliases handoff and record_answer). Both read the same fields (schema.h).
//
// Lenient where a model is sloppy and the meaning is clear: asked, answered and cited_products
// may be missing; a missing language is the customer's. Strict where it matters: a handoff has a
// known reason; an answer, when given, is text. An answer given when no question may be answered is
// kept with question_index -1, for the guards to refuse.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "brain/llm/completion.h"
#include "core/brain.h"

namespace brain::llm {

struct TurnFacts {
  std::optional<core::PendingQuestion>
      answerable;                                 // what an answer may be for (AnswerableQuestion)
  core::Language language = core::Language::kEn;  // the customer's
};

// Errors: kInvalidArgument naming the field (for the repair round).
base::Result<core::Proposal> ProposalFromTurn(const nlohmann::json& turn, const TurnFacts& facts);

// Structured output: the content must be the turn's JSON object. Errors: kInvalidArgument.
base::Result<core::Proposal> ProposalFromContent(std::string_view content, const TurnFacts& facts);

// Tool calling: the final calls. Errors: kNotFound when the calls only search (the caller answers
// them and asks again); kInvalidArgument for an unknown tool or arguments that do not fit.
base::Result<core::Proposal> ProposalFromCalls(const std::vector<ToolCall>& calls,
                                               const TurnFacts& facts);

}  // namespace brain::llm
