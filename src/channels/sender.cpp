#include "channels/sender.h"

#include <cctype>
#include <string>

#include "channels/capabilities.h"
#include "channels/messenger/sender.h"
#include "channels/text_split.h"
#include "channels/whatsapp/sender.h"

namespace channels {
namespace {

constexpr std::string_view kContentType = "application/json";
constexpr std::string_view kWhitespace = " \t\r\n";
constexpr std::size_t kMaxIdLength = 128;
constexpr std::size_t kMaxTokenLength = 4096;

bool AllDigits(std::string_view text) {
  for (const char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return !text.empty();
}

// "v25.0"
bool IsApiVersion(std::string_view version) {
  if (version.size() < 2 || version.front() != 'v') return false;
  const auto dot = version.find('.');
  if (dot == std::string_view::npos) return false;
  return AllDigits(version.substr(1, dot - 1)) && AllDigits(version.substr(dot + 1));
}

// Ids go into JSON (and for WhatsApp the path): visible ASCII only, no separators.
bool IsId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (const char c : id) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '_' && c != '-' &&
        c != '+') {
      return false;
    }
  }
  return true;
}

// A token goes into a header: visible ASCII, nothing that could end the header.
bool IsToken(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return false;
  for (const char c : token) {
    if (std::isgraph(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

base::Status CheckTarget(const SendTarget& target) {
  if (target.channel == core::Channel::kWeb) {
    return base::Error::InvalidArgument("web chat is not sent through the Graph API");
  }
  if (!IsApiVersion(target.api_version)) {
    return base::Error::InvalidArgument("Graph API version must look like \"v25.0\"");
  }
  if (!IsToken(target.access_token)) {
    return base::Error::InvalidArgument("the access token is missing or malformed");
  }
  if (!IsId(target.recipient_id)) {
    return base::Error::InvalidArgument("the recipient id is missing or malformed");
  }
  if (target.channel == core::Channel::kWhatsapp && !AllDigits(target.account_id)) {
    return base::Error::InvalidArgument("the WhatsApp phone number id must be digits");
  }
  return base::Status::Ok();
}

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
