// Graph API send requests, built as plain values (reference §3). Sending them (base URL,
// deadline, retries) is the caller's; reading the answer is channels/send_outcome.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/enums.h"

namespace channels {

// Where a message goes and with which credentials.
struct SendTarget {
  core::Channel channel = core::Channel::kWhatsapp;
  std::string api_version;   // "v25.0": pin it per deployment, never the app's default
  std::string account_id;    // WhatsApp phone_number_id (part of the path); Page / IG account id
  std::string access_token;  // secret: only ever placed in the Authorization header
  std::string recipient_id;  // wa_id (or business-scoped user id) / PSID / IGSID
};

struct OutgoingText {
  std::string text;  // REQUIRES: fits the channel (split first with channels/text_split.h)
  // Messenger/Instagram: send under the HUMAN_AGENT tag (messaging_type MESSAGE_TAG). Only for a
  // person's message, when DecideSend says kSendWithHumanAgentTag. Refused on other channels.
  bool human_agent_tag = false;
  // Our correlation string: WhatsApp biz_opaque_callback_data (back on receipts), Messenger
  // message.metadata (back on the echo). Dropped where unsupported (Instagram).
  std::string metadata;
  std::string reply_to_message_id;  // WhatsApp: quote this message (context.message_id)
};

struct Header {
  std::string name;
  std::string value;
};

struct OutboundRequest {
  std::string method;           // "POST"
  std::string path;             // "/v25.0/106540352242922/messages": append to the base URL
  std::vector<Header> headers;  // Authorization: Bearer <token> (secret), Content-Type
  std::string body;             // JSON
};

// The request that sends `text` to `target` (reference §3.2 WhatsApp, §3.3 Messenger,
// §3.4 Instagram; the token always in the Authorization header, never in the URL):
//   WhatsApp:  POST /{version}/{phone_number_id}/messages, type "text", preview_url false
//   Messenger, Instagram: POST /{version}/me/messages, messaging_type "RESPONSE", or
//              "MESSAGE_TAG" with tag "HUMAN_AGENT" when asked
// kInvalidArgument, naming what is wrong but never the token or the text, when: the channel is
// kWeb; the version is not like "v25.0"; the token, recipient or (WhatsApp) phone number id is
// empty or has characters that do not belong; the text is blank or longer than the channel's
// max_text_length; the metadata is too long; the HUMAN_AGENT tag is asked for on WhatsApp.
base::Result<OutboundRequest> BuildSend(const SendTarget& target, const OutgoingText& text);

// The "typing..." indicator to show while a reply is being written: WhatsApp marks
// `customer_message_id` read with a typing indicator (dismissed by the reply or after 25 s);
// Messenger/Instagram send sender_action "typing_on". Errors as BuildSend's (WhatsApp also needs
// the message id).
base::Result<OutboundRequest> BuildTypingIndicator(const SendTarget& target,
                                                   std::string_view customer_message_id);

// Messenger/Instagram: sender_action "mark_seen", the customer's messages shown as seen.
// kInvalidArgument on WhatsApp (its typing indicator marks read) and as BuildSend's.
base::Result<OutboundRequest> BuildMarkSeen(const SendTarget& target);

}  // namespace channels
