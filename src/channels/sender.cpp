#include "channels/sender.h"

#include <cctype>
#include <string>

#include "channels/capabilities.h"
#include "channels/messenger/sender.h"
#include "channels/request_checks.h"
#include "channels/text_split.h"
#include "channels/whatsapp/sender.h"

namespace channels {
namespace {

constexpr std::string_view kContentType = "application/json";
constexpr std::string_view kWhitespace = " \t\r\n";

base::Status CheckText(const SendTarget& target, const OutgoingText& text) {
  const ChannelCapabilities& capabilities = CapabilitiesOf(target.channel);
  if (text.text.find_first_not_of(kWhitespace) == std::string::npos) {
    return base::Error::InvalidArgument("the message text is empty");
  }
  if (Utf16Length(text.text) > capabilities.max_text_length) {
    return base::Error::InvalidArgument("the message text is longer than " +
                                        std::to_string(capabilities.max_text_length) +
                                        " characters: split it first");
  }
  if (text.human_agent_tag && !capabilities.human_agent_window) {
    return base::Error::InvalidArgument(std::string(core::ToString(target.channel)) +
                                        " has no HUMAN_AGENT tag");
  }
  const std::size_t max_metadata = target.channel == core::Channel::kWhatsapp
                                       ? whatsapp::kMaxCallbackData
                                       : messenger::kMaxMetadata;
  if (Utf16Length(text.metadata) > max_metadata) {
    return base::Error::InvalidArgument("the metadata is longer than " +
                                        std::to_string(max_metadata) + " characters");
  }
  return base::Status::Ok();
}

OutboundRequest Post(const SendTarget& target, std::string path, std::string body) {
  OutboundRequest request;
  request.method = "POST";
  request.path = "/" + target.api_version + std::move(path);
  request.headers = {{"Authorization", "Bearer " + target.access_token},
                     {"Content-Type", std::string(kContentType)}};
  request.body = std::move(body);
  return request;
}

// WhatsApp sends to the phone number; Messenger and Instagram to "me", the token's account.
std::string MessagesPath(const SendTarget& target) {
  if (target.channel == core::Channel::kWhatsapp) return "/" + target.account_id + "/messages";
  return "/me/messages";
}

}  // namespace

base::Result<OutboundRequest> BuildSend(const SendTarget& target, const OutgoingText& text) {
  if (auto status = CheckTarget(target); !status.ok()) return status.error();
  if (auto status = CheckText(target, text); !status.ok()) return status.error();
  if (target.channel == core::Channel::kWhatsapp) {
    return Post(target, MessagesPath(target), whatsapp::TextBody(target, text));
  }
  const bool with_metadata = CapabilitiesOf(target.channel).send_metadata_supported;
  return Post(target, MessagesPath(target), messenger::TextBody(target, text, with_metadata));
}

base::Result<OutboundRequest> BuildTypingIndicator(const SendTarget& target,
                                                   std::string_view customer_message_id) {
  if (auto status = CheckTarget(target); !status.ok()) return status.error();
  if (target.channel == core::Channel::kWhatsapp) {
    if (customer_message_id.empty()) {
      return base::Error::InvalidArgument("WhatsApp needs the message id to mark read");
    }
    return Post(target, MessagesPath(target), whatsapp::TypingBody(customer_message_id));
  }
  return Post(target, MessagesPath(target), messenger::SenderActionBody(target, "typing_on"));
}

base::Result<OutboundRequest> BuildMarkSeen(const SendTarget& target) {
  if (auto status = CheckTarget(target); !status.ok()) return status.error();
  if (target.channel == core::Channel::kWhatsapp) {
    return base::Error::InvalidArgument("WhatsApp marks a message read with its typing indicator");
  }
  return Post(target, MessagesPath(target), messenger::SenderActionBody(target, "mark_seen"));
}

}  // namespace channels
