// The Brain port: turns a conversation turn into a proposal. The workflow decides; the brain only
// proposes, and the workflow validates every proposal against its rules.
//
// A brain is built for one published configuration and catalog (see brain/registry.h) and holds
// whatever it derives from them (search indexes, prompts). Propose may be called from several
// threads at once for different conversations and must be thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/agent_config.h"
#include "core/enums.h"
#include "core/message.h"

namespace core {

// The qualification question the workflow is waiting on.
struct PendingQuestion {
  int index = 0;
  std::string text;  // in the customer's language
  std::string label;
  QuestionType type = QuestionType::kText;  // what the answer must hold (the workflow checks it)
  std::vector<std::string> choices;         // kChoice: the answers it accepts
};

struct BrainInput {
  std::int64_t workspace_id = 0;     // whose conversation (a brain's per-workspace limits)
  std::span<const Message> history;  // recent messages, oldest first
  // The unanswered messages to reply to, oldest first: those with words (a text, a button, a
  // caption). May be empty when the customer sent only attachments.
  std::vector<std::string> customer_messages;
  // What the unanswered messages without words carried instead (see Attachment), oldest first.
  // A brain that cannot read them says so rather than guessing; the workflow never counts such a
  // turn as a question the AI could not answer.
  std::vector<Attachment> attachments;
  std::optional<PendingQuestion> pending_question;
  // When no question is pending, the qualification question the workflow will ask next: the
  // customer may have answered it before it was asked (the problem described in a first message).
  std::optional<PendingQuestion> next_question;
  std::optional<Language> language;  // the conversation's language so far
};

// The question an AnswerProposal may answer: the pending one, or else the next one.
inline const std::optional<PendingQuestion>& AnswerableQuestion(const BrainInput& input) {
  return input.pending_question ? input.pending_question : input.next_question;
}

struct HandoffProposal {
  HandoffReason reason = HandoffReason::kCustomerRequest;
  std::string detail;  // a short explanation for the CRM notification
};

struct AnswerProposal {
  int question_index = 0;
  std::string answer;
};

struct Proposal {
  Language language = Language::kEn;  // the language to answer in
  std::string reply;      // the AI's own words, in `language`; may be empty (nothing to add)
  bool asked = false;     // the customer asked something that needs an answer
  bool answered = false;  // `reply` answers it from the catalog or business context
  std::optional<HandoffProposal> handoff;
  // The customer answered the pending question, or stated the answer to the next one before it
  // was asked (see AnswerableQuestion); the workflow checks it against the question's type.
  std::optional<AnswerProposal> answer;
  std::vector<std::string> cited_products;  // names of the products `reply` relies on
  std::optional<ModelRecord> model;         // when a language model took part (the llm brain)
};

class Brain {
 public:
  virtual ~Brain() = default;
  // Returns the proposal, or kUnavailable / kInternal when the brain failed; the workflow then
  // hands off (reason ai_failure) rather than leaving the customer unanswered.
  virtual base::Result<Proposal> Propose(const BrainInput& input) const = 0;
  // True when Propose is pure computation in this process that ends in microseconds (the local
  // brain): the intake may then answer a message together with storing it (Engine::PrepareReply),
  // one transaction instead of two. A brain that calls out (a model) answers on the reply pool.
  virtual bool AnswersAtOnce() const { return false; }
};

}  // namespace core
