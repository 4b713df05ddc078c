// Reading a Graph API send response (reference §3 error tables): sent, worth retrying, final, or
// the token no longer works. Pure: transport failures and timeouts are the caller's (retryable).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/time.h"
#include "core/enums.h"

namespace channels {

enum class SendResult {
  kSent,          // accepted; provider_message_id is the wamid / mid (delivery comes later)
  kRetryable,     // try again after a backoff of at least retry_after
  kPermanent,     // never retry this message; reason says what to do instead
  kTokenInvalid,  // the token is expired, revoked or lacks permission: reconnection needed
};

enum class FailureReason {
  kNone,                  // kSent
  kWindowClosed,          // 131047, 470, 10/2018278, 10/2534022: the conversation's window closed
  kRecipientUnavailable,  // 131026, 551, 100/2018001: flag the contact
  kRateLimited,           // 130429, 4, 17, 32, 613, 80007, HTTP 429
  kPairRateLimited,       // 131056: too fast to this one customer
  kTemporary,             // 131000, 1, 2, HTTP 5xx / 408
  kPolicy,                // 131048, 131049, 368, 10/1893063: restricted; alert a person
  kInvalidRequest,        // 100, 131051, 131062, 132xxx: a bug on our side
  kAuthentication,        // 190, HTTP 401
  kPermission,            // 10, 200-299
  kUnexpectedResponse,    // 2xx without a message id: it may have gone out, so never retried
  kUnknown,               // any other error
};

struct SendOutcome {
  SendResult result = SendResult::kPermanent;
  FailureReason reason = FailureReason::kUnknown;
  std::string provider_message_id;  // kSent (empty for a {"success": true} answer)
  std::int64_t error_code = 0;      // Graph error.code; 0 when none
  std::int64_t error_subcode = 0;   // error.error_subcode; 0 when none
  // error.message and error_data.details, at most 500 bytes, with the request's access token
  // and anything shaped like one redacted: safe to store, show and log. Empty on success.
  std::string error_text;
  base::Duration retry_after{0};  // kRetryable: the least wait before retrying (0: caller's own)
};

std::string_view ToString(SendResult v);
std::string_view ToString(FailureReason v);

// Classifies the answer to a BuildSend / BuildTypingIndicator request. The Graph error code
// decides first (the tables of reference §3.2 and §3.3), then the HTTP status: 401 kTokenInvalid,
// 429 and 5xx/408 kRetryable, any other failure kPermanent. A 2xx names the message id (WhatsApp
// messages[0].id, Messenger/Instagram message_id). kWeb is always kPermanent. `access_token`, the
// token the request carried, is redacted from error_text wherever the provider echoed it. Never
// throws.
SendOutcome ClassifyResponse(core::Channel channel, int http_status, std::string_view body,
                             std::string_view access_token = {});

}  // namespace channels
