// The local brain: deterministic, no network. Reads the customer's language, handoff requests and
// frustration, answers questions from the catalog and the business context, and otherwise says
// honestly that it does not know and offers a person, or that it cannot open what was sent.
#pragma once

#include <memory>

#include "base/result.h"
#include "brain/local/knowledge.h"
#include "core/agent_config.h"
#include "core/brain.h"
#include "core/product.h"

namespace brain {

class LocalBrain final : public core::Brain {
 public:
  // Indexes `catalog` and `config.business_context` (both copied: the brain does not borrow
  // them). Returns kInternal when the stemmers cannot be created.
  static base::Result<std::unique_ptr<LocalBrain>> Create(const core::AgentConfig& config,
                                                          const core::Catalog& catalog);

  // Proposes, for the joined customer messages (their words; input.attachments are what it
  // cannot read):
  //  - language: detected; ties fall back to input.language, then config.default_language;
  //  - no words (only attachments, or an emoji): what it cannot open and a request for words
  //    (CannotRead in replies.h), asked = false; nothing for stickers and emoji alone;
  //  - a handoff (reply empty) when the customer asks for a person (kCustomerRequest), accepts
  //    the fallback's offer of a person, or is frustrated (kFrustration), or when the message
  //    is about a topic the business context keeps for people (kReservedTopic, the rule quoted;
  //    with the answer to a pending question it also gives);
  //  - with a pending question and no question asked: answer = {index, the trimmed text} and a
  //    short thanks; small talk ("ok", "hi", "thanks!") is no answer, a bare yes or no only to a
  //    yes/no question, and doubt ("not sure") gets "No problem." and no answer;
  //  - a question: an answer from the catalog (name, price with currency, stock, attributes;
  //    cited_products; the closest as alternatives when none has what was specified) or the
  //    context sentences that fit (answered = true), else the fallback;
  //  - small talk: a brief reply, or none for "ok";
  //  - anything else: the fallback (answered = false), or what it cannot open when the turn
  //    also carried an attachment (the words are probably about it).
  // Returns kInternal only on an unexpected failure. Thread-safe; deterministic.
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override;
  bool AnswersAtOnce() const override { return true; }

  // The catalog and context as this brain indexed them (the llm brain retrieves from them too).
  const Knowledge& knowledge() const { return knowledge_; }

 private:
  LocalBrain(core::Language default_language, Knowledge knowledge);
  core::Proposal Decide(const core::BrainInput& input) const;

  core::Language default_language_;
  Knowledge knowledge_;
};

}  // namespace brain
