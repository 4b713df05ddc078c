#include "brain/llm/schema.h"

namespace brain::llm {
namespace {

using nlohmann::json;

json Nullable(json schema) {
  return json{{"anyOf", json::array({std::move(schema), {{"type", "null"}}})}};
}

json Strict(json properties) {
  json required = json::array();
  for (const auto& [name, _] : properties.items()) required.push_back(name);
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", std::move(required)},
          {"additionalProperties", false}};
}

json HandoffSchema() {
  return Strict({{"reason",
                  {{"type", "string"},
                   {"enum", {"customer_request", "frustration", "cannot_answer", "reserved_topic"}},
                   {"description",
                    "customer_request: they asked for a person; frustration: they are upset; "
                    "cannot_answer: the data holds no answer; reserved_topic: the business "
                    "context reserves this topic for people"}}},
                 {"detail",
                  {{"type", "string"},
                   {"description", "For the person who takes over: why, in a few words."}}}});
}

json Function(std::string_view name, std::string_view description, json parameters) {
  return {{"type", "function"},
          {"function",
           {{"name", name},
            {"description", description},
            {"parameters", std::move(parameters)},
            {"strict", true}}}};
}

json Search(std::string_view what) {
  return Strict({{"query", {{"type", "string"}, {"description", what}}}});
}

}  // namespace

const json& TurnSchema() {
  static const json kSchema = Strict({
      {"reply",
       {{"type", "string"},
        {"description",
         "Your message to the customer, in their language; empty when handing off."}}},
      {"language", {{"type", "string"}, {"enum", {"en", "es", "pt"}}}},
      {"asked",
       {{"type", "boolean"}, {"description", "The customer asked something needing an answer."}}},
      {"answered",
       {{"type", "boolean"}, {"description", "The reply answers it from the data given."}}},
      {"handoff", Nullable(HandoffSchema())},
      {"answer",
       Nullable({{"type", "string"},
                 {"description",
                  "The customer's answer to the pending question, in their own words."}})},
      {"cited_products",
       {{"type", "array"},
        {"items", {{"type", "string"}}},
        {"description", "Names of the catalog products the reply relies on."}}},
  });
  return kSchema;
}

const json& Tools() {
  static const json kTools = json::array({
      Function(kSearchCatalog, "Search the business's product catalog.",
               Search("What the customer is looking for.")),
      Function(kSearchContext, "Search the business's own information: hours, policies, FAQ.",
               Search("The topic to look up.")),
      Function(kRespond, "Give your final answer for this turn. Call it exactly once, last.",
               TurnSchema()),
      Function(kHandoff, "Hand the conversation to a person of the business.", HandoffSchema()),
      Function(kRecordAnswer, "Record the customer's answer to the pending question.",
               Strict({{"answer", {{"type", "string"}}}})),
  });
  return kTools;
}

}  // namespace brain::llm
