#include "channels/whatsapp/message.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "channels/content_summary.h"
#include "channels/whatsapp/content.h"

namespace channels::whatsapp {
namespace {

using fields::Json;

// The contacts[] element describing `wa_id`; else the only element, when its wa_id or `wa_id`
// is empty (a business-scoped user without a phone number).
const Json* ContactOf(const ChangeContext& context, std::string_view wa_id) {
  if (context.value == nullptr) return nullptr;
  const auto contacts = fields::Objects(*context.value, "contacts");
  for (const Json* contact : contacts) {
    if (!wa_id.empty() && fields::String(*contact, "wa_id") == wa_id) return contact;
  }
  if (contacts.size() != 1) return nullptr;
  const bool unknown = wa_id.empty() || fields::String(*contacts.front(), "wa_id").empty();
  return unknown ? contacts.front() : nullptr;
}

// "+1 650-555-1234" -> "16505551234": echoes give `to` as typed for the send API.
std::string DigitsOnly(std::string_view number) {
  std::string digits;
  for (const char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) digits += c;
  }
  return digits;
}

InboundEvent Malformed(const ChangeContext& context, InboundEvent event, std::string_view what) {
  event.kind = EventKind::kUnsupported;
  event.account_id = context.account_id;
  event.content = ContentKind::kNone;
  event.text = Bracketed("malformed whatsapp message", what);
  return event;
}

// The kind-specific part shared by customer messages and echoes.
void ReadKindAndContent(const Json& message, InboundEvent& event) {
  const std::string type = fields::String(message, "type");
  const Json* body = fields::Member(message, type);
  const Json empty = Json::object();
  const Json& object = body != nullptr && body->is_object() ? *body : empty;
  if (type == "reaction") {
    event.kind = EventKind::kReaction;
    event.target_message_id = fields::String(object, "message_id");
    Reaction reaction;
    reaction.emoji = fields::String(object, "emoji");
    reaction.removed = reaction.emoji.empty();
    event.text =
        reaction.removed ? Bracketed("reaction removed") : Bracketed("reaction", reaction.emoji);
    event.reaction = std::move(reaction);
  } else if (type == "edit") {
    event.kind = EventKind::kEdit;
    event.target_message_id = fields::String(object, "original_message_id");
    if (const Json* edited = fields::Member(object, "message")) ReadContent(*edited, event);
  } else if (type == "revoke") {
    event.kind = EventKind::kDelete;
    event.target_message_id = fields::String(object, "original_message_id");
  } else if (type == "system" || type == "request_welcome") {
    // Not a message the customer wrote (e.g. "user changed number"): never answered.
    event.kind = EventKind::kUnsupported;
    event.text = Bracketed("whatsapp " + type, fields::String(object, "body"));
  } else {
    ReadContent(message, event);
  }
  if (const Json* context = fields::Member(message, "context")) {
    event.reply_to_message_id = fields::String(*context, "id");
  }
  if (const Json* error = fields::FirstObject(message, "errors")) event.error = ReadError(*error);
}

// Fills what every message element has. Returns what is missing, or empty when nothing is.
std::string_view ReadCommon(const Json& message, const ChangeContext& context,
                            InboundEvent& event) {
  event.channel = core::Channel::kWhatsapp;
  event.account_id = context.account_id;
  event.provider_message_id = fields::String(message, "id");
  const auto at = fields::SecondsTime(message, "timestamp");
  if (at) event.at = *at;
  if (context.account_id.empty()) return "no metadata.phone_number_id";
  if (event.provider_message_id.empty()) return "no id";
  if (!at) return "no valid timestamp";
  return {};
}

}  // namespace

ProviderError ReadError(const Json& error) {
  ProviderError out;
  out.code = fields::Integer(error, "code").value_or(0);
  out.title = fields::String(error, "title");
  if (out.title.empty()) out.title = fields::String(error, "message");
  if (const Json* data = fields::Member(error, "error_data")) {
    out.details = fields::String(*data, "details");
  }
  return out;
}

InboundEvent ParseInboundMessage(const Json& message, const ChangeContext& context) {
  InboundEvent event;
  const std::string_view missing = ReadCommon(message, context, event);
  const std::string from = fields::String(message, "from");
  const Json* contact = ContactOf(context, from);
  if (contact != nullptr) {
    if (const Json* profile = fields::Member(*contact, "profile")) {
      event.customer_name = fields::String(*profile, "name");
    }
    event.customer_user_id = fields::String(*contact, "user_id");
  }
  if (event.customer_user_id.empty()) {
    event.customer_user_id = fields::String(message, "from_user_id");
  }
  event.customer_id = from.empty() ? event.customer_user_id : from;
  if (!missing.empty()) return Malformed(context, std::move(event), missing);
  if (event.customer_id.empty()) return Malformed(context, std::move(event), "no sender");
  if (fields::Member(message, "group_id") != nullptr) {
    // A reply to the individual would leave the group: never answered, shown as a notice.
    event.kind = EventKind::kUnsupported;
    event.text = Bracketed("whatsapp group message");
    return event;
  }
  event.kind = EventKind::kMessage;
  ReadKindAndContent(message, event);
  return event;
}

InboundEvent ParseEchoMessage(const Json& message, const ChangeContext& context) {
  InboundEvent event;
  const std::string_view missing = ReadCommon(message, context, event);
  event.customer_user_id = fields::String(message, "to_user_id");
  event.customer_id = DigitsOnly(fields::String(message, "to"));
  if (event.customer_id.empty()) event.customer_id = event.customer_user_id;
  if (!missing.empty()) return Malformed(context, std::move(event), missing);
  if (event.customer_id.empty()) return Malformed(context, std::move(event), "no recipient");
  event.kind = EventKind::kEcho;
  ReadKindAndContent(message, event);
  if (event.kind != EventKind::kUnsupported) event.echo = Echo{EchoSource::kBusinessApp, {}};
  return event;
}

}  // namespace channels::whatsapp
