#include "channels/whatsapp/parser.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "channels/content_summary.h"
#include "channels/whatsapp/message.h"

namespace channels::whatsapp {
namespace {

using fields::Json;

constexpr std::array<std::pair<std::string_view, ReceiptStatus>, 5> kStatuses{{
    {"sent", ReceiptStatus::kSent},
    {"delivered", ReceiptStatus::kDelivered},
    {"read", ReceiptStatus::kRead},
    {"played", ReceiptStatus::kRead},  // a voice message was played: it was read
    {"failed", ReceiptStatus::kFailed},
}};

std::optional<ReceiptStatus> StatusOf(std::string_view name) {
  for (const auto& [wire, status] : kStatuses) {
    if (wire == name) return status;
  }
  return std::nullopt;
}

InboundEvent Unsupported(std::string account_id, std::string text) {
  InboundEvent event;
  event.channel = core::Channel::kWhatsapp;
  event.kind = EventKind::kUnsupported;
  event.account_id = std::move(account_id);
  event.text = std::move(text);
  return event;
}

InboundEvent ParseStatus(const Json& status, const ChangeContext& context) {
  InboundEvent event;
  event.channel = core::Channel::kWhatsapp;
  event.account_id = context.account_id;
  event.target_message_id = fields::String(status, "id");
  event.customer_user_id = fields::String(status, "recipient_user_id");
  event.customer_id = fields::String(status, "recipient_id");
  if (event.customer_id.empty()) event.customer_id = event.customer_user_id;
  event.send_metadata = fields::String(status, "biz_opaque_callback_data");
  const auto at = fields::SecondsTime(status, "timestamp");
  const std::string name = fields::String(status, "status");
  const auto receipt_status = StatusOf(name);
  if (context.account_id.empty() || event.target_message_id.empty() || !at || !receipt_status) {
    event.kind = EventKind::kUnsupported;
    event.text = Bracketed("whatsapp status", name.empty() ? "malformed" : name);
    if (at) event.at = *at;
    return event;
  }
  event.kind = EventKind::kStatus;
  event.at = *at;
  event.receipt = Receipt{*receipt_status, std::nullopt};
  if (const Json* error = fields::FirstObject(status, "errors")) event.error = ReadError(*error);
  return event;
}

void ParseChange(const Json& change, std::vector<InboundEvent>& out) {
  const std::string field = fields::String(change, "field");
  const Json* value = fields::Member(change, "value");
  if (value == nullptr || !value->is_object()) {
    out.push_back(Unsupported({}, Bracketed("malformed whatsapp change", field)));
    return;
  }
  ChangeContext context;
  context.value = value;
  if (const Json* metadata = fields::Member(*value, "metadata")) {
    context.account_id = fields::Id(*metadata, "phone_number_id");
  }
  if (field == "messages") {
    for (const Json* message : fields::Objects(*value, "messages")) {
      out.push_back(ParseInboundMessage(*message, context));
    }
    for (const Json* status : fields::Objects(*value, "statuses")) {
      out.push_back(ParseStatus(*status, context));
    }
    for (const Json* error : fields::Objects(*value, "errors")) {
      InboundEvent event = Unsupported(context.account_id, {});
      event.kind = EventKind::kError;
      event.error = ReadError(*error);
      event.text = Bracketed("whatsapp error", event.error->title);
      out.push_back(std::move(event));
    }
  } else if (field == "smb_message_echoes") {
    for (const Json* message : fields::Objects(*value, "message_echoes")) {
      out.push_back(ParseEchoMessage(*message, context));
    }
  } else {
    // history, smb_app_state_sync, standby, account_update, ...: never pause or answer on them.
    out.push_back(Unsupported(context.account_id, Bracketed("whatsapp field", field)));
  }
}

}  // namespace

std::vector<InboundEvent> ParseEntries(const Json& root) {
  std::vector<InboundEvent> out;
  const Json* entries = fields::Member(root, "entry");
  if (entries == nullptr || !entries->is_array()) return out;
  for (const Json& entry : *entries) {
    if (!entry.is_object()) {
      out.push_back(Unsupported({}, Bracketed("malformed whatsapp entry")));
      continue;
    }
    for (const Json* change : fields::Objects(entry, "changes")) ParseChange(*change, out);
  }
  return out;
}

}  // namespace channels::whatsapp
