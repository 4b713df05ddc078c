// Why a chat-completions call failed, and what the client does about it: the classification of
// shared/reference/llm-servers.md §5, by HTTP status first, then by the error's code, type or a
// substring of its message. Error envelopes differ (an `error` object or string, `code` a
// string, an integer or null, old vLLM's fields at the top level, HTML from proxies); all are
// read here.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/time.h"

namespace brain::llm {

enum class FailureKind {
  kUnreachable,        // no response: connection refused, DNS, TLS
  kTimeout,            // the attempt's deadline passed
  kRateLimited,        // 429 that is not a quota: wait (retry_after) and retry
  kTooLargeForRate,    // 429 "Request too large": retrying never helps; shrink or fall back
  kQuota,              // quota or credit exhausted: never retried; the owner is warned
  kBadKey,             // 401, 403 permission: never retried
  kUnknownModel,       // 404 model or deployment: never retried
  kContextTooLong,     // the prompt does not fit: shrink once
  kParameterRejected,  // a request field the model refuses: adjust (param names it) and retry
  kToolsUnsupported,   // the server or model has no tool calling: switch to structured output
  kToolCallFailed,     // the server could not parse the model's call (Groq): repair or JSON mode
  kContentFiltered,    // filtered: no retry with the same input
  kBusy,               // 502, 503, 504, loading: one retry after jitter
  kServerError,        // other 5xx, 408, 409, an error inside a 200: one retry with jitter
  kRequestRejected,    // any other 4xx: a request this client built wrong; no retry
  kMalformed,          // a 200 that cannot be used: not JSON, no choices, empty, cut off
};

std::string_view ToString(FailureKind kind);

struct Failure {
  FailureKind kind = FailureKind::kServerError;
  int status = 0;      // HTTP status, 0 when there was no response
  std::string detail;  // the provider's message, cut to kMaxDetail bytes (never a key: the
                       // caller redacts the key it sent before logging)
  std::optional<base::Duration> retry_after;  // what the server asked to wait, when it did
  std::optional<int> context_limit;           // the model's context in tokens, when named
  std::string param;                          // kParameterRejected: the field refused
};

constexpr std::size_t kMaxDetail = 200;

using Headers = std::vector<std::pair<std::string, std::string>>;

// Classifies an HTTP answer that is not a usable 200 (status >= 400). Header names match
// case-insensitively. retry_after comes from `retry-after-ms`, then `retry-after` (seconds or an
// HTTP date, given `now`), then a "retry after N seconds" or "try again in N(ms|s)" in the
// message. A wait of an hour or more on a 429 is a quota (a daily limit), never a rate limit.
Failure ClassifyError(int status, const Headers& headers, std::string_view body,
                      base::TimePoint now);

// True when retrying the same request may succeed (after retry_after or a jittered pause).
bool IsRetryable(FailureKind kind);
// True when the endpoint cannot serve any request until someone fixes its configuration or
// account (bad key, unknown model, quota): the circuit opens for long and the owner is told.
bool NeedsTheOwner(FailureKind kind);

}  // namespace brain::llm
