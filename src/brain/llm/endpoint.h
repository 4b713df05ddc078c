// An OpenAI-compatible chat-completions endpoint as the instance's operator configured it
// (`[llm]` of the serve config), and what the client learned about it while talking to it.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/time.h"

namespace brain::llm {

// How the key is sent: `Authorization: Bearer KEY` (OpenAI, OpenRouter, Groq, vLLM and
// llama-server started with --api-key) or `api-key: KEY` (Azure OpenAI). No header without a key
// (Ollama, LM Studio).
enum class AuthStyle { kBearer, kApiKey };

// How the model is asked for its proposal: tools (search_catalog, search_business_context and a
// final respond), or one JSON object under a JSON schema (response_format). kAuto starts with
// tools and switches to structured output, for good, when the endpoint says it has no tools.
enum class OutputMode { kAuto, kTools, kStructured };

struct Endpoint {
  std::string base_url;  // ".../v1", or Azure's ".../openai/deployments/NAME"
  std::string api_key;   // from the environment variable the config names; "" for none
  AuthStyle auth = AuthStyle::kBearer;
  std::string api_version;  // Azure classic: sent as ?api-version=...; "" otherwise
  std::vector<std::pair<std::string, std::string>> extra_headers;  // OpenRouter's X-Title...
  nlohmann::json extra_body = nlohmann::json::object();  // merged into every request (vLLM...)
  std::string model;
  OutputMode mode = OutputMode::kAuto;
  std::optional<double> temperature = 0.2;  // nullopt: the server's default
  int max_output_tokens = 512;
  std::optional<int> seed;
};

// What an endpoint turned out to refuse, remembered so that no request repeats the mistake.
// Starts as the portable choice; each field flips once the endpoint says so (ClassifyError:
// kParameterRejected names the field, kToolsUnsupported).
struct Quirks {
  bool cap_as_max_completion_tokens = false;  // OpenAI reasoning models refuse max_tokens
  bool send_temperature = true;               // ... and any temperature but 1
  bool tools = true;                          // false: structured output only
};

}  // namespace brain::llm
