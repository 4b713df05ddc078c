#include "app/llm_keys.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "app/serve_config.h"
#include "base/strings.h"
#include "http/response.h"

namespace app {
namespace {

using nlohmann::json;

// The fields BuildRequest sets in every request, and the key that sets them instead, if any.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kOwnedFields{{
    {"model", "llm.model"},
    {"messages", ""},
    {"tools", ""},
    {"tool_choice", ""},
    {"parallel_tool_calls", ""},
    {"response_format", "llm.output"},
    {"stream", ""},
    {"stream_options", ""},
    {"max_tokens", "llm.max_output_tokens"},
    {"max_completion_tokens", "llm.max_output_tokens"},
    {"temperature", "llm.temperature"},
}};

bool IsOneLine(std::string_view value) {
  constexpr unsigned char kDelete = 0x7f;
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < ' ' && c != '\t') || c == kDelete) return false;
  }
  return true;
}

std::optional<json> ParseObject(const std::string& text) {
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

std::optional<std::string> ParseExtraHeaders(const std::string& text,
                                             brain::llm::Endpoint& endpoint) {
  const std::optional<json> object = ParseObject(text);
  if (!object) return "must be a table (a JSON object) of header names and texts";
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : object->items()) {
    const std::string lower = base::AsciiLower(name);
    if (lower == "authorization" || lower == "api-key") {
      return name + " cannot be set here: the key goes only through llm.api_key_env";
    }
    if (lower == "content-type") return name + " is set by frontdesk";
    if (!http::IsValidHeaderName(name)) return "\"" + name + "\" is not a header name";
    if (!value.is_string()) return name + " must be a text";
    if (!IsOneLine(value.get<std::string>())) return name + " must be one line of text";
    headers.emplace_back(name, value.get<std::string>());
  }
  endpoint.extra_headers = std::move(headers);
  return std::nullopt;
}

std::optional<std::string> ParseExtraBody(const std::string& text, brain::llm::Endpoint& endpoint) {
  std::optional<json> object = ParseObject(text);
  if (!object) return "must be a table (a JSON object) of request fields";
  for (const auto& [field, instead] : kOwnedFields) {
    if (!object->contains(field)) continue;
    return std::string(field) + " is set by frontdesk in every request" +
           (instead.empty() ? "" : "; use " + std::string(instead));
  }
  endpoint.extra_body = std::move(*object);
  return std::nullopt;
}

// The endpoint and how it is asked.
void AddEndpointKeys(std::vector<ConfigKey>& keys) {
  using brain::llm::AuthStyle;
  using brain::llm::OutputMode;
  using Apply = std::optional<std::string>;
  const auto text = [](std::string_view name, std::string brain::llm::Endpoint::*member) {
    return ConfigKey{"llm", name, [member](ServeConfig& c, const std::string& v) -> Apply {
                       c.llm.settings.endpoint.*member = v;
                       return std::nullopt;
                     }};
  };
  keys.push_back({"llm", "base_url", [](ServeConfig& c, const std::string& v) -> Apply {
                    if (!v.empty() && !v.starts_with("http://") && !v.starts_with("https://")) {
                      return "must start with http:// or https://";
                    }
                    c.llm.settings.endpoint.base_url = v;
                    return std::nullopt;
                  }});
  keys.push_back(text("model", &brain::llm::Endpoint::model));
  keys.push_back(text("api_version", &brain::llm::Endpoint::api_version));
  keys.push_back({"llm", "api_key_env", [](ServeConfig& c, const std::string& v) -> Apply {
                    c.llm.api_key_env = v;
                    return std::nullopt;
                  }});
  keys.push_back({"llm", "auth", [](ServeConfig& c, const std::string& v) -> Apply {
                    if (v != "bearer" && v != "api-key") return "must be bearer or api-key";
                    c.llm.settings.endpoint.auth =
                        v == "bearer" ? AuthStyle::kBearer : AuthStyle::kApiKey;
                    return std::nullopt;
                  }});
  keys.push_back({"llm", "extra_headers",
                  [](ServeConfig& c, const std::string& v) {
                    return ParseExtraHeaders(v, c.llm.settings.endpoint);
                  },
                  /*object=*/true});
  keys.push_back({"llm", "extra_body",
                  [](ServeConfig& c, const std::string& v) {
                    return ParseExtraBody(v, c.llm.settings.endpoint);
                  },
                  /*object=*/true});
  keys.push_back({"llm", "output", [](ServeConfig& c, const std::string& v) -> Apply {
                    OutputMode& mode = c.llm.settings.endpoint.mode;
                    if (v == "auto")
                      mode = OutputMode::kAuto;
                    else if (v == "tools")
                      mode = OutputMode::kTools;
                    else if (v == "structured")
                      mode = OutputMode::kStructured;
                    else
                      return "must be auto, tools or structured";
                    return std::nullopt;
                  }});
  keys.push_back({"llm", "temperature", [](ServeConfig& c, const std::string& v) -> Apply {
                    if (v == "default") {
                      c.llm.settings.endpoint.temperature.reset();
                      return std::nullopt;
                    }
                    double t = 0;
                    auto error = ParseDecimal(v, 0, 2, t);
                    if (!error) c.llm.settings.endpoint.temperature = t;
                    return error;
                  }});
}

// What a turn may take, the endpoint's circuit and its prices.
void AddTurnKeys(std::vector<ConfigKey>& keys) {
  using Apply = std::optional<std::string>;
  constexpr std::size_t kMaxConcurrency = 1024;
  constexpr std::size_t kMaxTokens = 1'000'000;
  constexpr std::size_t kMaxCircuitFailures = 1000;
  constexpr double kMaxPrice = 1'000'000;
  constexpr std::size_t kMaxCurrency = 16;
  keys.push_back({"llm", "max_output_tokens", [=](ServeConfig& c, const std::string& v) {
                    return ParseCount(v, 16, kMaxTokens, c.llm.settings.endpoint.max_output_tokens);
                  }});
  keys.push_back({"llm", "history_tokens", [=](ServeConfig& c, const std::string& v) {
                    return ParseCount(v, 0, kMaxTokens, c.llm.settings.history_tokens);
                  }});
  keys.push_back({"llm", "turn_deadline", [](ServeConfig& c, const std::string& v) {
                    return ParsePositiveDuration(v, c.llm.settings.turn_deadline);
                  }});
  keys.push_back({"llm", "attempt_timeout", [](ServeConfig& c, const std::string& v) {
                    return ParsePositiveDuration(v, c.llm.settings.retry.attempt_timeout);
                  }});
  keys.push_back({"llm", "concurrency", [=](ServeConfig& c, const std::string& v) {
                    return ParseCount(v, 1, kMaxConcurrency, c.replies.workers);
                  }});
  keys.push_back({"llm", "fallback", [](ServeConfig& c, const std::string& v) -> Apply {
                    if (v != "local" && v != "handoff") return "must be local or handoff";
                    c.llm.settings.fallback = v == "local" ? brain::llm::Fallback::kLocalBrain
                                                           : brain::llm::Fallback::kHandoff;
                    return std::nullopt;
                  }});
  keys.push_back({"llm", "daily_tokens_per_workspace", [](ServeConfig& c, const std::string& v) {
                    constexpr std::size_t kMaxDailyTokens = 1'000'000'000'000;
                    return ParseCount(v, 0, kMaxDailyTokens,
                                      c.llm.settings.daily_tokens_per_workspace);
                  }});
  keys.push_back({"llm", "circuit_failures", [=](ServeConfig& c, const std::string& v) {
                    return ParseCount(v, 1, kMaxCircuitFailures, c.llm.circuit.failures_to_open);
                  }});
  keys.push_back({"llm", "circuit_open_for", [](ServeConfig& c, const std::string& v) {
                    return ParsePositiveDuration(v, c.llm.circuit.open_for);
                  }});
  keys.push_back({"llm", "circuit_open_for_owner", [](ServeConfig& c, const std::string& v) {
                    return ParsePositiveDuration(v, c.llm.circuit.open_for_owner);
                  }});
  keys.push_back({"llm", "price_input_per_million", [=](ServeConfig& c, const std::string& v) {
                    return ParseDecimal(v, 0, kMaxPrice, c.llm.prices.input_per_million);
                  }});
  keys.push_back({"llm", "price_output_per_million", [=](ServeConfig& c, const std::string& v) {
                    return ParseDecimal(v, 0, kMaxPrice, c.llm.prices.output_per_million);
                  }});
  keys.push_back({"llm", "currency", [=](ServeConfig& c, const std::string& v) -> Apply {
                    if (v.empty() || v.size() > kMaxCurrency || !IsOneLine(v)) {
                      return "must be a label of 1 to " + std::to_string(kMaxCurrency) +
                             " characters, such as USD";
                    }
                    c.llm.prices.currency = v;
                    return std::nullopt;
                  }});
}

}  // namespace

void AddLlmKeys(std::vector<ConfigKey>& keys) {
  AddEndpointKeys(keys);
  AddTurnKeys(keys);
}

}  // namespace app
