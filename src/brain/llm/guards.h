// The checks every proposal of the model passes before the workflow sees it. A language model
// writes fluent text whatever it knows; these make sure that what it says is grounded:
//   - invented_number: a price or any other number in the reply that the data given to the
//     model (catalog rows, context passages) does not contain. A number only the customer wrote
//     ("is it $10?") is no ground either;
//   - unknown_product: a cited product the catalog does not have;
//   - answer_not_asked: an answer recorded when no question is pending, or for another one;
//   - answer_not_written: an answer with words the customer did not write;
//   - wrong_language: a reply in another language than the customer's;
//   - too_long: a reply longer than the channel allows;
//   - promise: a promise of a later action the AI cannot keep ("I'll call you tomorrow");
//   - handoff_in_prose: a reply announcing a person ("let me transfer you") without the handoff
//     itself: a handoff is a field or a tool call, never a word;
//   - quotes_rule: a reply repeating one of the owner's rules for the assistant (kRuleQuoteWords
//     of its words in a row, or all of a shorter one): rules are followed, never shown.
// Case, accents and number formats are folded before comparing ("R$ 1.299,90" is 1299.9).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/brain.h"
#include "core/enums.h"

namespace brain::llm {

enum class GuardProblem {
  kInventedNumber,
  kUnknownProduct,
  kAnswerNotAsked,
  kAnswerNotWritten,
  kWrongLanguage,
  kTooLong,
  kPromise,
  kHandoffInProse,
  kQuotesRule,
};

// How many words of a rule in a row make a quote of it.
inline constexpr std::size_t kRuleQuoteWords = 6;

std::string_view ToString(GuardProblem problem);

struct GuardContext {
  std::string data;  // every catalog row and context passage the model was given, as text
  // The numbers of data given as well but read once for every turn (the whole business context),
  // sorted (NumbersIn, then std::ranges::sort); borrowed, may be null.
  const std::vector<std::string>* also_grounded = nullptr;
  std::vector<std::string> product_names;      // the catalog's products
  std::vector<std::string> rules;              // the owner's rules for the assistant
  std::vector<std::string> customer_messages;  // this turn's words of the customer
  std::optional<core::PendingQuestion>
      answerable;                                 // what an answer may be for (AnswerableQuestion)
  core::Language language = core::Language::kEn;  // the customer's
  std::size_t max_reply_bytes = 4096;             // the channel's limit
};

// Every problem of `proposal`, in the order above; empty when it passes.
std::vector<GuardProblem> CheckProposal(const core::Proposal& proposal,
                                        const GuardContext& context);

// The numbers of `utf8`, each as a canonical value: "1.299,90", "1,299.90" and "1299.9" are all
// "1299.9"; "15.00" is "15". Digits inside a word count ("SAVE50" holds 50).
std::vector<std::string> NumbersIn(std::string_view utf8);

}  // namespace brain::llm
