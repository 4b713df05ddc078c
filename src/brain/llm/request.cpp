#include "brain/llm/request.h"

#include "brain/llm/schema.h"

namespace brain::llm {

using nlohmann::json;

std::string CompletionsUrl(const Endpoint& endpoint) {
  std::string url = endpoint.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/chat/completions";
  if (!endpoint.api_version.empty()) url += "?api-version=" + endpoint.api_version;
  return url;
}

HttpRequest BuildRequest(const Endpoint& endpoint, const Quirks& quirks, Shape shape,
                         const json& messages) {
  json body = endpoint.extra_body.is_object() ? endpoint.extra_body : json::object();
  // Whole answers only: a stream loses `usage` when it breaks, and tool calls with it.
  body.erase("stream");
  body.erase("stream_options");
  body["model"] = endpoint.model;
  body["messages"] = messages;
  body[quirks.cap_as_max_completion_tokens ? "max_completion_tokens" : "max_tokens"] =
      endpoint.max_output_tokens;
  if (endpoint.temperature && quirks.send_temperature) body["temperature"] = *endpoint.temperature;
  if (endpoint.seed) body["seed"] = *endpoint.seed;
  if (shape == Shape::kTools) {
    body["tools"] = Tools();
    body["tool_choice"] = "auto";
    body["parallel_tool_calls"] = false;
  } else {
    body["response_format"] = {
        {"type", "json_schema"},
        {"json_schema", {{"name", "front_desk_turn"}, {"strict", true}, {"schema", TurnSchema()}}}};
  }
  HttpRequest request;
  request.url = CompletionsUrl(endpoint);
  request.headers = {{"Content-Type", "application/json"}};
  if (!endpoint.api_key.empty()) {
    if (endpoint.auth == AuthStyle::kApiKey) {
      request.headers.emplace_back("api-key", endpoint.api_key);
    } else {
      request.headers.emplace_back("Authorization", "Bearer " + endpoint.api_key);
    }
  }
  for (const auto& h : endpoint.extra_headers) request.headers.push_back(h);
  request.body = body.dump();
  return request;
}

}  // namespace brain::llm
