#include "brain/llm/completion.h"

#include "base/strings.h"

namespace brain::llm {
namespace {

using nlohmann::json;

constexpr std::string_view kThinkOpen = "<think>";
constexpr std::string_view kThinkClose = "</think>";
constexpr std::string_view kCallOpen = "<tool_call>";
constexpr std::string_view kCallClose = "</tool_call>";
constexpr std::string_view kFence = "```";

std::string StringOr(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int IntOr(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

Finish FinishOf(const json& choice) {
  const auto it = choice.find("finish_reason");
  if (it == choice.end() || it->is_null()) return Finish::kStop;
  const std::string reason = it->is_string() ? it->get<std::string>() : "";
  if (reason == "stop") return Finish::kStop;
  if (reason == "tool_calls" || reason == "function_call") return Finish::kToolCalls;
  if (reason == "length") return Finish::kLength;
  if (reason == "content_filter") return Finish::kContentFilter;
  if (reason == "error") return Finish::kError;
  return Finish::kOther;
}

// `content` without a leading <think>...</think> block.
std::string WithoutThinking(std::string content) {
  const std::string_view trimmed = base::Trim(content);
  if (!trimmed.starts_with(kThinkOpen)) return content;
  const std::size_t close = content.find(kThinkClose);
  if (close == std::string::npos) return {};  // all thinking, cut off: nothing to say
  return content.substr(close + kThinkClose.size());
}

// The text inside a Markdown code fence (```json ... ```), or `content` as it is.
std::string Unfenced(const std::string& content) {
  const std::string_view t = base::Trim(content);
  if (!t.starts_with(kFence) || !t.ends_with(kFence) || t.size() < 2 * kFence.size()) {
    return content;
  }
  std::string_view inner = t.substr(kFence.size(), t.size() - 2 * kFence.size());
  inner = inner.substr(std::min(inner.find('\n'), inner.size()));  // the language tag
  return std::string(base::Trim(inner));
}

json ArgumentsOf(const json& arguments) {
  if (arguments.is_object()) return arguments;
  if (!arguments.is_string()) return json::object();
  json parsed = json::parse(arguments.get<std::string>(), nullptr, /*allow_exceptions=*/false);
  return parsed.is_object() ? parsed : arguments;
}

void AddCall(Completion& c, std::string id, std::string name, const json& arguments) {
  if (id.empty()) id = "call_" + std::to_string(c.tool_calls.size() + 1);
  c.tool_calls.push_back({std::move(id), std::move(name), ArgumentsOf(arguments)});
}

// Calls a server's parser left in the text: <tool_call>{"name":..., "arguments":...}</tool_call>.
void PullCallsFromContent(Completion& c) {
  std::string rest;
  std::size_t from = 0;
  while (true) {
    const std::size_t open = c.content.find(kCallOpen, from);
    if (open == std::string::npos) break;
    const std::size_t close = c.content.find(kCallClose, open);
    if (close == std::string::npos) break;
    const std::string_view inside(c.content.data() + open + kCallOpen.size(),
                                  close - open - kCallOpen.size());
    const json call = json::parse(inside, nullptr, /*allow_exceptions=*/false);
    if (!call.is_object() || StringOr(call, "name").empty()) break;
    rest += c.content.substr(from, open - from);
    AddCall(c, "", StringOr(call, "name"),
            call.contains("arguments") ? call["arguments"] : json::object());
    from = close + kCallClose.size();
  }
  if (from > 0) c.content = rest + c.content.substr(from);
}

}  // namespace

base::Result<Completion> ReadCompletion(std::string_view body) {
  const json root = json::parse(base::Trim(body), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return base::Error::InvalidArgument("the answer is not JSON");
  if (!root.is_object()) return base::Error::InvalidArgument("the answer is not a JSON object");
  const auto choices = root.find("choices");
  if (choices == root.end() || !choices->is_array() || choices->empty() ||
      !(*choices)[0].is_object()) {
    return base::Error::InvalidArgument("the answer has no choices");
  }
  const json& choice = (*choices)[0];
  const auto message = choice.find("message");
  if (message == choice.end() || !message->is_object()) {
    return base::Error::InvalidArgument("the answer's choice has no message");
  }
  Completion c;
  c.id = StringOr(root, "id");
  c.model = StringOr(root, "model");
  c.finish = FinishOf(choice);
  if (const auto error = choice.find("error"); error != choice.end() && error->is_object()) {
    c.finish = Finish::kError;
    c.error = StringOr(*error, "message");
  }
  if (const auto refusal = message->find("refusal");
      refusal != message->end() && refusal->is_string()) {
    c.refusal = refusal->get<std::string>();
  }
  c.content = std::string(base::Trim(Unfenced(WithoutThinking(StringOr(*message, "content")))));
  if (const auto calls = message->find("tool_calls");
      calls != message->end() && calls->is_array()) {
    for (const json& call : *calls) {
      if (!call.is_object()) continue;
      const auto function = call.find("function");
      if (function == call.end() || !function->is_object()) continue;  // a call with no function
      AddCall(c, StringOr(call, "id"), StringOr(*function, "name"),
              function->contains("arguments") ? (*function)["arguments"] : json::object());
    }
  }
  if (c.tool_calls.empty()) PullCallsFromContent(c);
  c.content = std::string(base::Trim(c.content));
  if (const auto usage = root.find("usage"); usage != root.end() && usage->is_object()) {
    c.usage.reported = true;
    c.usage.prompt_tokens = IntOr(*usage, "prompt_tokens");
    c.usage.completion_tokens = IntOr(*usage, "completion_tokens");
    if (const auto details = usage->find("prompt_tokens_details");
        details != usage->end() && details->is_object()) {
      c.usage.cached_tokens = IntOr(*details, "cached_tokens");
    }
  }
  return c;
}

}  // namespace brain::llm
