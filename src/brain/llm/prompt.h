// The chat the model is given for one turn: a system message (who the agent is and how it
// speaks, the business, the workflow and its rules, the qualification question pending and what
// is already answered, the customer's language, the output rules, and the retrieved data), the
// conversation since its last handoff boundary (bounded by tokens), and the burst of unanswered
// customer messages as one user turn.
//
// Text the customer wrote and the data of the catalog and the business context is data, never
// instructions: each sits between tags the system message names, and any tag-like text inside it
// is defused so that it cannot close its block or open another.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent_config.h"
#include "core/brain.h"
#include "core/contact.h"
#include "core/product.h"

namespace brain::llm {

struct PromptInput {
  const core::AgentConfig* config = nullptr;       // REQUIRES: set
  std::vector<const core::Product*> products;      // retrieved for this turn, best first
  std::vector<std::string> passages;               // of the business context, best first
  std::vector<std::string> owner_rules;            // the context's rules for the assistant
  const core::BrainInput* turn = nullptr;          // REQUIRES: set
  std::vector<core::QualificationAnswer> answers;  // what the lead already answered
  core::Language language = core::Language::kEn;   // the customer's
  std::size_t history_tokens = 2000;               // the budget of past turns
};

struct Prompt {
  nlohmann::json messages;           // the protocol's messages, system first
  std::string data;                  // the catalog rows and passages as given: the guards' ground
  std::size_t estimated_tokens = 0;  // of every message, to tell a silently truncated prompt
};

Prompt BuildPrompt(const PromptInput& input);

// A rough token count: one per four bytes, the same estimate for every model.
std::size_t EstimateTokens(std::string_view text);

// The product as one data row: name | SKU | price currency | stock | category | attributes |
// description.
std::string ProductRow(const core::Product& product);

}  // namespace brain::llm
