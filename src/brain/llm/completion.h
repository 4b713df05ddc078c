// What an OpenAI-compatible server answered with HTTP 200 to POST {base}/chat/completions,
// read by shape, not by brand (shared/reference/llm-servers.md §2-3): every server family's
// quirks are accepted and normalised here, so that the rest of the llm brain sees one shape.
//
//   - Leading whitespace (keep-alive spaces) before the JSON is skipped.
//   - Reasoning (`reasoning_content`, `reasoning`, or a leading <think>...</think> in `content`)
//     is dropped: never shown or stored as the reply.
//   - Tool calls are taken from `tool_calls` when it is non-empty, whatever `finish_reason`
//     says; `arguments` may be a JSON string or an object; a missing or empty id is made up
//     ("call_1", ...). Calls a parser or template left inside `content` (<tool_call>{...}
//     </tool_call>) are pulled out.
//   - A content wrapped in a Markdown code fence is unwrapped.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace brain::llm {

struct ToolCall {
  std::string id;
  std::string name;
  nlohmann::json arguments;  // an object; a string that is not a JSON object stays a string
};

enum class Finish {
  kStop,           // a natural end ("stop", or null)
  kToolCalls,      // "tool_calls" or "function_call"
  kLength,         // cut off at the cap: the content is incomplete and never accepted
  kContentFilter,  // the provider filtered the answer
  kError,          // the upstream failed mid-generation (OpenRouter): handled as a 5xx
  kOther,
};

struct Usage {
  int prompt_tokens = 0;
  int completion_tokens = 0;
  int cached_tokens = 0;  // of prompt_tokens, when the server says
  bool reported = false;  // the answer carried `usage`
};

struct Completion {
  std::string id;       // the server's id, for the log
  std::string model;    // the model that answered (not always the one asked for)
  std::string content;  // the answer's text, reasoning and code fence removed, trimmed
  std::vector<ToolCall> tool_calls;
  std::optional<std::string> refusal;  // OpenAI: the model declined
  Finish finish = Finish::kStop;
  std::string error;  // for kError: the upstream's message
  Usage usage;
};

// Reads a 200 body. Errors (kInvalidArgument, with what is wrong): not JSON, not an object, no
// choices, a choice without a message.
base::Result<Completion> ReadCompletion(std::string_view body);

}  // namespace brain::llm
