#include "brain/llm/failure.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>

#include "base/strings.h"

namespace brain::llm {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// A 429 asking to wait this long or more is a daily (or monthly) quota, not a rate limit.
constexpr base::Duration kQuotaWait = 1h;

constexpr std::string_view kQuotaCodes[] = {
    "insufficient_quota", "credit_balance_exhausted", "organization_spend_limit_exceeded",
    "project_spend_limit_exceeded", "organization_usage_limit_exceeded"};
constexpr std::string_view kContextMarks[] = {"context_length_exceeded",
                                              "maximum context length",
                                              "exceed_context_size_error",
                                              "exceeds the available context size",
                                              "context window",
                                              "context length"};
constexpr std::string_view kNoToolsMarks[] = {"does not support tools", "tool choice requires",
                                              "tools param requires", "does not support function",
                                              "tool calling is not supported"};

bool Contains(std::string_view haystack, std::string_view needle) {
  return base::AsciiLower(haystack).find(base::AsciiLower(needle)) != std::string::npos;
}

template <std::size_t N>
bool ContainsAny(std::string_view text, const std::string_view (&marks)[N]) {
  for (std::string_view m : marks) {
    if (Contains(text, m)) return true;
  }
  return false;
}

std::string Text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return {};
}

// The fields of any envelope: {"error":{...}}, {"error":"text"}, or old vLLM's top level.
struct Envelope {
  std::string message;
  std::string code;  // "429", "invalid_api_key", "400", "" when null
  std::string type;
  std::string param;
  std::optional<int> n_ctx;
};

Envelope Read(std::string_view body) {
  Envelope e;
  const json root = json::parse(base::Trim(body), nullptr, /*allow_exceptions=*/false);
  if (!root.is_object()) {
    e.message = std::string(base::Trim(body));
    return e;
  }
  const json* fields = &root;
  if (const auto error = root.find("error"); error != root.end()) {
    if (error->is_string()) {
      e.message = error->get<std::string>();
      return e;
    }
    if (error->is_object()) fields = &*error;
  }
  auto field = [&](const char* key) {
    const auto it = fields->find(key);
    return it == fields->end() ? std::string() : Text(*it);
  };
  e.message = field("message");
  e.code = field("code");
  e.type = field("type");
  e.param = field("param");
  if (const auto n = fields->find("n_ctx"); n != fields->end() && n->is_number_integer()) {
    e.n_ctx = n->get<int>();
  }
  return e;
}

std::optional<std::string> HeaderValue(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (base::AsciiLower(key) == base::AsciiLower(name)) return value;
  }
  return std::nullopt;
}

// `text` counted in `unit`; a wait beyond a day (or "inf", or a number too long to hold) is a
// day: longer than any turn anyway.
std::optional<base::Duration> Number(const std::string& text, base::Duration unit) {
  constexpr double kDayMs = 86'400'000;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || std::isnan(v) || v < 0) return std::nullopt;
  const double ms = std::min(v * static_cast<double>(unit.count()), kDayMs);
  return base::Duration{static_cast<std::int64_t>(ms)};
}

std::optional<base::Duration> RetryAfter(const Headers& headers, const std::string& message,
                                         base::TimePoint now) {
  if (auto ms = HeaderValue(headers, "retry-after-ms")) {
    if (auto d = Number(*ms, 1ms)) return d;
  }
  if (auto after = HeaderValue(headers, "retry-after")) {
    if (auto d = Number(*after, 1s)) return d;
    std::tm tm{};  // an HTTP date: "Wed, 21 Oct 2026 07:28:00 GMT"
    if (strptime(after->c_str(), "%a, %d %b %Y %H:%M:%S", &tm) != nullptr) {
      const auto at = base::TimePoint(std::chrono::seconds(timegm(&tm)));
      return at > now ? at - now : base::Duration::zero();
    }
  }
  static const std::regex kInMessage(R"((?:retry after|try again in) ([0-9.]+) ?(ms|s|seconds?))",
                                     std::regex::icase);
  std::smatch m;
  if (std::regex_search(message, m, kInMessage)) {
    return Number(m[1].str(), Contains(m[2].str(), "ms") ? base::Duration(1ms) : 1s);
  }
  return std::nullopt;
}

std::optional<int> ContextLimit(const Envelope& e) {
  if (e.n_ctx) return e.n_ctx;
  static const std::regex kLimit(
      R"((?:maximum context length is|available context size \()\s*([0-9]+))", std::regex::icase);
  std::smatch m;
  int limit = 0;
  if (std::regex_search(e.message, m, kLimit)) {
    const std::string digits = m[1].str();
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), limit);
    if (ec == std::errc()) return limit;  // a number too long for an int names no real model
  }
  return std::nullopt;
}

FailureKind KindOf(int status, const Envelope& e, const std::optional<base::Duration>& wait) {
  const std::string all = e.code + " " + e.type + " " + e.message;
  if (ContainsAny(all, kQuotaCodes) || status == 402) return FailureKind::kQuota;
  if (status == 429) {
    if (Contains(e.message, "request too large")) return FailureKind::kTooLargeForRate;
    if (wait && *wait >= kQuotaWait) return FailureKind::kQuota;
    return FailureKind::kRateLimited;
  }
  if (status == 401) return FailureKind::kBadKey;
  if (Contains(all, "content_filter") || Contains(all, "moderation") || Contains(all, "flagged")) {
    return FailureKind::kContentFiltered;
  }
  if (status == 403) return FailureKind::kBadKey;
  if (ContainsAny(all, kNoToolsMarks)) return FailureKind::kToolsUnsupported;
  if (status == 404) {
    // A model or deployment the endpoint does not know; a wrong path says nothing else either.
    return FailureKind::kUnknownModel;
  }
  if (ContainsAny(all, kContextMarks)) return FailureKind::kContextTooLong;
  if (Contains(e.code, "tool_use_failed")) return FailureKind::kToolCallFailed;
  if (Contains(e.code, "unsupported_parameter") || Contains(e.code, "unsupported_value") ||
      Contains(e.message, "response_format")) {
    return FailureKind::kParameterRejected;
  }
  if (status == 502 || status == 503 || status == 504) return FailureKind::kBusy;
  if (status >= 500 || status == 408 || status == 409) return FailureKind::kServerError;
  return FailureKind::kRequestRejected;
}

}  // namespace

std::string_view ToString(FailureKind kind) {
  switch (kind) {
    case FailureKind::kUnreachable:
      return "unreachable";
    case FailureKind::kTimeout:
      return "timeout";
    case FailureKind::kRateLimited:
      return "rate_limited";
    case FailureKind::kTooLargeForRate:
      return "too_large_for_rate";
    case FailureKind::kQuota:
      return "quota";
    case FailureKind::kBadKey:
      return "bad_key";
    case FailureKind::kUnknownModel:
      return "unknown_model";
    case FailureKind::kContextTooLong:
      return "context_too_long";
    case FailureKind::kParameterRejected:
      return "parameter_rejected";
    case FailureKind::kToolsUnsupported:
      return "tools_unsupported";
    case FailureKind::kToolCallFailed:
      return "tool_call_failed";
    case FailureKind::kContentFiltered:
      return "content_filtered";
    case FailureKind::kBusy:
      return "busy";
    case FailureKind::kServerError:
      return "server_error";
    case FailureKind::kRequestRejected:
      return "request_rejected";
    case FailureKind::kMalformed:
      return "malformed";
  }
  return "server_error";
}

Failure ClassifyError(int status, const Headers& headers, std::string_view body,
                      base::TimePoint now) {
  const Envelope e = Read(body);
  Failure f;
  f.status = status;
  f.retry_after = RetryAfter(headers, e.message, now);
  f.kind = KindOf(status, e, f.retry_after);
  f.detail = e.message.substr(0, kMaxDetail);
  if (f.kind == FailureKind::kContextTooLong) f.context_limit = ContextLimit(e);
  if (f.kind == FailureKind::kParameterRejected) {
    f.param = !e.param.empty() ? e.param : "response_format";
  }
  return f;
}

bool IsRetryable(FailureKind kind) {
  switch (kind) {
    case FailureKind::kUnreachable:
    case FailureKind::kTimeout:
    case FailureKind::kRateLimited:
    case FailureKind::kBusy:
    case FailureKind::kServerError:
      return true;
    default:
      return false;
  }
}

bool NeedsTheOwner(FailureKind kind) {
  return kind == FailureKind::kQuota || kind == FailureKind::kBadKey ||
         kind == FailureKind::kUnknownModel;
}

}  // namespace brain::llm
