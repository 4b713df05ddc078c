#include "channels/send_outcome.h"

#include <array>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "channels/json_fields.h"
#include "channels/redaction.h"

namespace channels {
namespace {

using fields::Json;
using std::chrono::seconds;

constexpr std::int64_t kAnySubcode = -1;
// Meta's pair limit is about one message per 6 s to one customer: wait past it, with margin.
constexpr base::Duration kPairRateLimitBackoff = seconds{10};
// The number's throughput limit clears within seconds.
constexpr base::Duration kThroughputBackoff = seconds{2};
// App / account call-count limits are over rolling windows of minutes to an hour.
constexpr base::Duration kCallLimitBackoff = seconds{60};
constexpr base::Duration kDefaultBackoff = seconds{0};

struct Rule {
  std::int64_t first_code;
  std::int64_t last_code;
  std::int64_t subcode;  // kAnySubcode: every subcode
  SendResult result;
  FailureReason reason;
  base::Duration retry_after;
};

constexpr Rule Code(std::int64_t code, SendResult result, FailureReason reason,
                    base::Duration retry_after = kDefaultBackoff) {
  return {code, code, kAnySubcode, result, reason, retry_after};
}
constexpr Rule Subcode(std::int64_t code, std::int64_t subcode, SendResult result,
                       FailureReason reason) {
  return {code, code, subcode, result, reason, kDefaultBackoff};
}
constexpr Rule Codes(std::int64_t first, std::int64_t last, SendResult result,
                     FailureReason reason) {
  return {first, last, kAnySubcode, result, reason, kDefaultBackoff};
}

using R = SendResult;
using F = FailureReason;

// The first rule matching (code, subcode) wins: subcode rules come before their code's rule.
constexpr std::array<Rule, 27> kRules{{
    // Window closed: only a template (WhatsApp) or a person's HUMAN_AGENT reply may follow.
    Code(131047, R::kPermanent, F::kWindowClosed),
    Code(470, R::kPermanent, F::kWindowClosed),             // legacy On-Premises code
    Subcode(10, 2018278, R::kPermanent, F::kWindowClosed),  // Messenger
    Subcode(10, 2534022, R::kPermanent, F::kWindowClosed),  // Instagram
    Subcode(10, 1893063, R::kPermanent, F::kPolicy),        // Page restricted from sending
    Code(10, R::kTokenInvalid, F::kPermission),
    Codes(200, 299, R::kTokenInvalid, F::kPermission),
    Code(190, R::kTokenInvalid, F::kAuthentication),
    Code(130429, R::kRetryable, F::kRateLimited, kThroughputBackoff),
    Code(131056, R::kRetryable, F::kPairRateLimited, kPairRateLimitBackoff),
    Code(4, R::kRetryable, F::kRateLimited, kCallLimitBackoff),
    Code(17, R::kRetryable, F::kRateLimited, kCallLimitBackoff),
    Code(32, R::kRetryable, F::kRateLimited, kCallLimitBackoff),
    Code(613, R::kRetryable, F::kRateLimited, kCallLimitBackoff),
    Code(80007, R::kRetryable, F::kRateLimited, kCallLimitBackoff),
    Code(131000, R::kRetryable, F::kTemporary),
    Code(1, R::kRetryable, F::kTemporary),
    Code(2, R::kRetryable, F::kTemporary),
    Code(131026, R::kPermanent, F::kRecipientUnavailable),
    Code(551, R::kPermanent, F::kRecipientUnavailable),
    Subcode(100, 2018001, R::kPermanent, F::kRecipientUnavailable),  // no matching user
    Code(100, R::kPermanent, F::kInvalidRequest),
    Codes(131048, 131049, R::kPermanent, F::kPolicy),  // spam / marketing limits
    Code(368, R::kPermanent, F::kPolicy),
    Code(131051, R::kPermanent, F::kInvalidRequest),           // unsupported message type
    Code(131062, R::kPermanent, F::kInvalidRequest),           // authentication template to a BSUID
    Codes(132000, 132999, R::kPermanent, F::kInvalidRequest),  // template problems
}};

constexpr std::size_t kMaxErrorText = 500;
constexpr int kHttpOk = 200;
constexpr int kHttpMultipleChoices = 300;
constexpr int kHttpRequestTimeout = 408;
constexpr int kHttpUnauthorized = 401;
constexpr int kHttpTooManyRequests = 429;
constexpr int kHttpServerError = 500;
constexpr int kHttpMaxStatus = 599;

const Rule* FindRule(std::int64_t code, std::int64_t subcode) {
  for (const Rule& rule : kRules) {
    if (code < rule.first_code || code > rule.last_code) continue;
    if (rule.subcode == kAnySubcode || rule.subcode == subcode) return &rule;
  }
  return nullptr;
}

SendOutcome ByHttpStatus(int http_status, SendOutcome outcome) {
  if (http_status == kHttpUnauthorized) {
    outcome.result = SendResult::kTokenInvalid;
    outcome.reason = FailureReason::kAuthentication;
  } else if (http_status == kHttpTooManyRequests) {
    outcome.result = SendResult::kRetryable;
    outcome.reason = FailureReason::kRateLimited;
  } else if ((http_status >= kHttpServerError && http_status <= kHttpMaxStatus) ||
             http_status == kHttpRequestTimeout) {
    outcome.result = SendResult::kRetryable;
    outcome.reason = FailureReason::kTemporary;
  } else {
    outcome.result = SendResult::kPermanent;
    outcome.reason = FailureReason::kUnknown;
  }
  return outcome;
}

std::string SentId(core::Channel channel, const Json& root) {
  if (channel == core::Channel::kWhatsapp) {
    const Json* message = fields::FirstObject(root, "messages");
    return message != nullptr ? fields::String(*message, "id") : std::string();
  }
  return fields::String(root, "message_id");
}

std::string ErrorText(std::string_view message, std::string_view details,
                      std::string_view access_token) {
  std::string text(message);
  if (!details.empty()) {
    if (!text.empty()) text += ": ";
    text += details;
  }
  return RedactSecrets(text, kMaxErrorText, access_token);
}

}  // namespace

std::string_view ToString(SendResult v) {
  switch (v) {
    case SendResult::kSent:
      return "sent";
    case SendResult::kRetryable:
      return "retryable";
    case SendResult::kPermanent:
      return "permanent";
    case SendResult::kTokenInvalid:
      return "token_invalid";
  }
  return "permanent";
}

std::string_view ToString(FailureReason v) {
  switch (v) {
    case FailureReason::kNone:
      return "none";
    case FailureReason::kWindowClosed:
      return "window_closed";
    case FailureReason::kRecipientUnavailable:
      return "recipient_unavailable";
    case FailureReason::kRateLimited:
      return "rate_limited";
    case FailureReason::kPairRateLimited:
      return "pair_rate_limited";
    case FailureReason::kTemporary:
      return "temporary";
    case FailureReason::kPolicy:
      return "policy";
    case FailureReason::kInvalidRequest:
      return "invalid_request";
    case FailureReason::kAuthentication:
      return "authentication";
    case FailureReason::kPermission:
      return "permission";
    case FailureReason::kUnexpectedResponse:
      return "unexpected_response";
    case FailureReason::kUnknown:
      return "unknown";
  }
  return "unknown";
}

SendOutcome ClassifyResponse(core::Channel channel, int http_status, std::string_view body,
                             std::string_view access_token) {
  SendOutcome outcome;
  if (channel == core::Channel::kWeb) {
    outcome.reason = FailureReason::kInvalidRequest;
    outcome.error_text = "web chat is not sent through the Graph API";
    return outcome;
  }
  // Not JSON (an HTML error page from a proxy, say) reads as a discarded value: no fields.
  const Json root = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  const Json* error = fields::Member(root, "error");
  const bool success = http_status >= kHttpOk && http_status < kHttpMultipleChoices;
  if (success && (error == nullptr || !error->is_object())) {
    outcome.provider_message_id = SentId(channel, root);
    if (!outcome.provider_message_id.empty() || fields::True(root, "success")) {
      outcome.result = SendResult::kSent;
      outcome.reason = FailureReason::kNone;
    } else {
      outcome.reason = FailureReason::kUnexpectedResponse;
      outcome.error_text = "the provider accepted the request but named no message id";
    }
    return outcome;
  }
  if (error != nullptr && error->is_object()) {
    outcome.error_code = fields::Integer(*error, "code").value_or(0);
    outcome.error_subcode = fields::Integer(*error, "error_subcode").value_or(0);
    const Json* data = fields::Member(*error, "error_data");
    outcome.error_text = ErrorText(fields::String(*error, "message"),
                                   data ? fields::String(*data, "details") : "", access_token);
  }
  if (const Rule* rule = FindRule(outcome.error_code, outcome.error_subcode)) {
    outcome.result = rule->result;
    outcome.reason = rule->reason;
    outcome.retry_after = rule->retry_after;
    return outcome;
  }
  outcome = ByHttpStatus(http_status, std::move(outcome));
  if (outcome.error_text.empty()) {
    outcome.error_text = "HTTP " + std::to_string(http_status);
  }
  return outcome;
}

}  // namespace channels
