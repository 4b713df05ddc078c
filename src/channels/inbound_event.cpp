#include "channels/inbound_event.h"

#include <string>

namespace channels {

std::string_view ToString(EventKind v) {
  switch (v) {
    case EventKind::kMessage:
      return "message";
    case EventKind::kEcho:
      return "echo";
    case EventKind::kStatus:
      return "status";
    case EventKind::kReaction:
      return "reaction";
    case EventKind::kEdit:
      return "edit";
    case EventKind::kDelete:
      return "delete";
    case EventKind::kHandover:
      return "handover";
    case EventKind::kError:
      return "error";
    case EventKind::kUnsupported:
      return "unsupported";
  }
  return "unsupported";
}

std::string_view ToString(ContentKind v) {
  switch (v) {
    case ContentKind::kNone:
      return "none";
    case ContentKind::kText:
      return "text";
    case ContentKind::kImage:
      return "image";
    case ContentKind::kAudio:
      return "audio";
    case ContentKind::kVideo:
      return "video";
    case ContentKind::kDocument:
      return "document";
    case ContentKind::kSticker:
      return "sticker";
    case ContentKind::kLocation:
      return "location";
    case ContentKind::kContacts:
      return "contacts";
    case ContentKind::kButtonReply:
      return "button_reply";
    case ContentKind::kShare:
      return "share";
    case ContentKind::kUnsupported:
      return "unsupported";
  }
  return "unsupported";
}

std::string_view ToString(EchoSource v) {
  switch (v) {
    case EchoSource::kBusinessApp:
      return "business_app";
    case EchoSource::kPageInbox:
      return "page_inbox";
    case EchoSource::kApp:
      return "app";
    case EchoSource::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view ToString(ReceiptStatus v) {
  switch (v) {
    case ReceiptStatus::kSent:
      return "sent";
    case ReceiptStatus::kDelivered:
      return "delivered";
    case ReceiptStatus::kRead:
      return "read";
    case ReceiptStatus::kFailed:
      return "failed";
  }
  return "failed";
}

std::string_view ToString(HandoverAction v) {
  switch (v) {
    case HandoverAction::kTake:
      return "take";
    case HandoverAction::kPass:
      return "pass";
    case HandoverAction::kRequest:
      return "request";
  }
  return "request";
}

std::string DedupeKey(const InboundEvent& event) {
  std::string key(core::ToString(event.channel));
  const auto add = [&key](std::string_view part) {
    key += ':';
    key += part;
  };
  const std::string at = std::to_string(base::ToMillis(event.at));
  add(ToString(event.kind));
  switch (event.kind) {
    case EventKind::kMessage:
    case EventKind::kEcho:
      add(event.provider_message_id);
      if (event.provider_message_id.empty()) {  // e.g. an old postback without a mid
        add(event.customer_id);
        add(at);
        add(event.payload);
      }
      break;
    case EventKind::kStatus:
      add(event.target_message_id);
      add(event.receipt ? ToString(event.receipt->status) : "");
      add(event.customer_id);
      if (event.receipt && event.receipt->watermark) {
        add(std::to_string(base::ToMillis(*event.receipt->watermark)));
      }
      break;
    case EventKind::kReaction:
      add(event.target_message_id);
      add(event.customer_id);
      add(event.reaction && event.reaction->removed ? "removed" : "added");
      add(event.reaction ? event.reaction->emoji : "");
      add(at);
      break;
    case EventKind::kEdit:
      // An edit message has its own id on WhatsApp; on Messenger only the target and the time.
      add(event.provider_message_id.empty() ? event.target_message_id : event.provider_message_id);
      add(at);
      break;
    case EventKind::kDelete:
      add(event.provider_message_id.empty() ? event.target_message_id : event.provider_message_id);
      break;
    case EventKind::kHandover:
      add(event.customer_id);
      add(event.handover ? ToString(event.handover->action) : "");
      add(event.handover ? event.handover->new_owner_app_id : "");
      add(at);
      break;
    case EventKind::kError:
      add(event.account_id);
      add(event.error ? std::to_string(event.error->code) : "");
      add(at);
      break;
    case EventKind::kUnsupported:
      add(event.account_id);
      add(event.customer_id);
      add(event.provider_message_id);
      add(at);
      add(event.text);
      break;
  }
  return key;
}

std::optional<std::string> MessageIdOfDedupeKey(std::string_view key) {
  const auto kind = key.find(':');
  if (kind == std::string_view::npos) return std::nullopt;
  const std::string_view rest = key.substr(kind + 1);
  const std::string prefix = std::string(ToString(EventKind::kMessage)) + ":";
  if (!rest.starts_with(prefix) || rest.size() == prefix.size()) return std::nullopt;
  return std::string(rest.substr(prefix.size()));
}

}  // namespace channels
