// What the model is asked to produce, in both output modes: the turn's JSON schema (structured
// output) and the tools (tool calling). Both yield the same proposal: a reply, the language it is
// in, a handoff with its reason and detail (never a word in prose), the answer to the pending
// qualification question in the customer's own words, and the products the reply cites.
// Strict: every property required, no other property, optional values as a union with null.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace brain::llm {

// Tool names. handoff and record_answer are aliases a model may prefer to respond's fields.
inline constexpr std::string_view kSearchCatalog = "search_catalog";
inline constexpr std::string_view kSearchContext = "search_business_context";
inline constexpr std::string_view kRespond = "respond";
inline constexpr std::string_view kHandoff = "handoff";
inline constexpr std::string_view kRecordAnswer = "record_answer";

// The JSON schema of one turn's proposal (respond's parameters, and response_format's schema).
const nlohmann::json& TurnSchema();

// The tools of the tools mode, as the request's `tools` array.
const nlohmann::json& Tools();

}  // namespace brain::llm
