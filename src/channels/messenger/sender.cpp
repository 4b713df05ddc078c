#include "channels/messenger/sender.h"

#include <nlohmann/json.hpp>

namespace channels::messenger {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& body) {
  // Invalid UTF-8 is replaced rather than thrown on.
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string TextBody(const SendTarget& target, const OutgoingText& text, bool with_metadata) {
  Json body = {{"recipient", {{"id", target.recipient_id}}}};
  if (text.human_agent_tag) {
    body["messaging_type"] = "MESSAGE_TAG";
    body["tag"] = "HUMAN_AGENT";
  } else {
    body["messaging_type"] = "RESPONSE";
  }
  Json message = {{"text", text.text}};
  if (with_metadata && !text.metadata.empty()) message["metadata"] = text.metadata;
  body["message"] = std::move(message);
  return Dump(body);
}

std::string SenderActionBody(const SendTarget& target, std::string_view action) {
  const Json body = {{"recipient", {{"id", target.recipient_id}}}, {"sender_action", action}};
  return Dump(body);
}

}  // namespace channels::messenger
