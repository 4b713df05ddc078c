// The HTTP request of one chat-completions call: POST {base_url}/chat/completions, non-streaming,
// with the endpoint's auth, extra headers and body (which never override the model, the messages
// or the fields below, nor ask for a stream), and only the fields the endpoint accepts (Quirks).
// Two shapes, one per output mode:
//   - tools: `tools` (search_catalog, search_business_context, respond, and the aliases handoff
//     and record_answer), `tool_choice: "auto"`, `parallel_tool_calls: false`;
//   - structured: `response_format` with the turn's JSON schema (schema.h), strict.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "brain/llm/endpoint.h"

namespace brain::llm {

struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // the key among them: never log
  std::string body;
};

enum class Shape { kTools, kStructured };

// `messages`: the chat so far (system, user, assistant with tool_calls, tool), as the protocol
// wants them.
HttpRequest BuildRequest(const Endpoint& endpoint, const Quirks& quirks, Shape shape,
                         const nlohmann::json& messages);

// The URL of the endpoint's chat completions (with Azure's api-version when configured).
std::string CompletionsUrl(const Endpoint& endpoint);

}  // namespace brain::llm
