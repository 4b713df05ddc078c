#include "channels/whatsapp/sender.h"

#include <nlohmann/json.hpp>

namespace channels::whatsapp {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& body) {
  // Invalid UTF-8 is replaced rather than thrown on.
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string TextBody(const SendTarget& target, const OutgoingText& text) {
  Json body = {
      {"messaging_product", "whatsapp"},
      {"recipient_type", "individual"},
      {"to", target.recipient_id},
      {"type", "text"},
      {"text", {{"preview_url", false}, {"body", text.text}}},
  };
  if (!text.reply_to_message_id.empty()) {
    body["context"] = {{"message_id", text.reply_to_message_id}};
  }
  if (!text.metadata.empty()) body["biz_opaque_callback_data"] = text.metadata;
  return Dump(body);
}

std::string TypingBody(std::string_view message_id) {
  const Json body = {
      {"messaging_product", "whatsapp"},
      {"status", "read"},
      {"message_id", message_id},
      {"typing_indicator", {{"type", "text"}}},
  };
  return Dump(body);
}

}  // namespace channels::whatsapp
