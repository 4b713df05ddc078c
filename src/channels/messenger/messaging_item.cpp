#include "channels/messenger/messaging_item.h"

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "channels/content_summary.h"
#include "channels/messenger/message.h"

namespace channels::messenger {
namespace {

using fields::Json;

// The Page Inbox / Meta Business Suite inbox: its echoes are a person typing (reference §5).
constexpr std::string_view kPageInboxAppId = "263902037430900";

// Keys every item has besides its one event key.
constexpr std::array<std::string_view, 3> kEnvelopeKeys{"sender", "recipient", "timestamp"};

struct HandoverKey {
  std::string_view key;
  HandoverAction action;
};
constexpr std::array<HandoverKey, 3> kHandoverKeys{{
    {"take_thread_control", HandoverAction::kTake},
    {"pass_thread_control", HandoverAction::kPass},
    {"request_thread_control", HandoverAction::kRequest},
}};

std::string IdOf(const Json& item, std::string_view party) {
  const Json* member = fields::Member(item, party);
  return member != nullptr ? fields::Id(*member, "id") : std::string();
}

// The first key that is not part of the envelope: what an unknown item is about.
std::string EventKeyOf(const Json& item) {
  for (auto it = item.begin(); it != item.end(); ++it) {
    bool envelope = false;
    for (const std::string_view key : kEnvelopeKeys) envelope = envelope || it.key() == key;
    if (!envelope) return it.key();
  }
  return "empty";
}

Echo EchoOf(const Json& message, const Dialect& dialect) {
  Echo echo;
  echo.app_id = fields::Id(message, "app_id");
  if (!dialect.echo_app_id_identifies_sender) {
    echo.source = EchoSource::kUnknown;
  } else if (echo.app_id.empty() || echo.app_id == kPageInboxAppId) {
    echo.source = EchoSource::kPageInbox;
  } else {
    echo.source = EchoSource::kApp;
  }
  return echo;
}

void ReadMessage(const Json& message, const Dialect& dialect, InboundEvent& event) {
  const bool is_echo = fields::True(message, "is_echo");
  if (is_echo) event.echo = EchoOf(message, dialect);
  if (fields::True(message, "is_deleted")) {  // Instagram: the customer unsent it
    event.kind = EventKind::kDelete;
    event.target_message_id = fields::String(message, "mid");
    return;
  }
  event.kind = is_echo ? EventKind::kEcho : EventKind::kMessage;
  event.provider_message_id = fields::String(message, "mid");
  event.send_metadata = fields::String(message, "metadata");
  ReadMessageContent(message, event);
}

void ReadReaction(const Json& reaction, InboundEvent& event) {
  event.kind = EventKind::kReaction;
  event.target_message_id = fields::String(reaction, "mid");
  Reaction read;
  read.removed = fields::String(reaction, "action") == "unreact";
  read.emoji = fields::String(reaction, "emoji");
  if (read.emoji.empty()) read.emoji = fields::String(reaction, "reaction");
  if (read.removed) read.emoji.clear();
  event.text = read.removed ? Bracketed("reaction removed") : Bracketed("reaction", read.emoji);
  event.reaction = std::move(read);
}

void ReadHandover(const Json& control, HandoverAction action, InboundEvent& event) {
  event.kind = EventKind::kHandover;
  Handover handover;
  handover.action = action;
  handover.previous_owner_app_id = fields::Id(control, "previous_owner_app_id");
  handover.new_owner_app_id = fields::Id(
      control, action == HandoverAction::kRequest ? "requested_owner_app_id" : "new_owner_app_id");
  handover.metadata = fields::String(control, "metadata");
  event.handover = std::move(handover);
}

// A delivery or read receipt: one event per mid, or one for the watermark alone.
void ReadReceipt(const Json& receipt, ReceiptStatus status, InboundEvent event,
                 std::vector<InboundEvent>& out) {
  event.kind = EventKind::kStatus;
  event.receipt = Receipt{status, fields::MillisTime(receipt, "watermark")};
  std::vector<std::string> mids;
  if (const Json* array = fields::Member(receipt, "mids"); array != nullptr && array->is_array()) {
    for (const Json& mid : *array) {
      if (mid.is_string()) mids.push_back(mid.get<std::string>());
    }
  }
  if (std::string mid = fields::String(receipt, "mid"); !mid.empty()) mids.push_back(mid);
  if (mids.empty()) {
    if (!event.receipt->watermark) {
      event.kind = EventKind::kUnsupported;
      event.receipt.reset();
      event.text = Bracketed("malformed receipt");
    }
    out.push_back(std::move(event));
    return;
  }
  for (std::string& mid : mids) {
    InboundEvent one = event;
    one.target_message_id = std::move(mid);
    out.push_back(std::move(one));
  }
}

}  // namespace

void ParseMessagingItem(const Json& item, const Dialect& dialect, std::string_view entry_id,
                        bool standby, std::vector<InboundEvent>& out) {
  InboundEvent event;
  event.channel = dialect.channel;
  event.standby = standby;
  const std::string sender = IdOf(item, "sender");
  const std::string recipient = IdOf(item, "recipient");
  const auto at = fields::MillisTime(item, "timestamp");
  if (at) event.at = *at;
  const Json* message = fields::Member(item, "message");
  const bool is_echo = message != nullptr && fields::True(*message, "is_echo");
  // Inbound: the customer sends to the business. Echo: the business sends to the customer.
  event.account_id = !entry_id.empty() ? std::string(entry_id) : (is_echo ? sender : recipient);
  event.customer_id = is_echo ? recipient : sender;
  if (!at || event.customer_id.empty() || event.account_id.empty()) {
    // No conversation to attach it to (e.g. app_roles, which has no sender), or no time.
    event.kind = EventKind::kUnsupported;
    event.text = Bracketed(std::string(dialect.name) + " event",
                           (at ? "" : "malformed ") + EventKeyOf(item));
    out.push_back(std::move(event));
    return;
  }
  if (message != nullptr && message->is_object()) {
    ReadMessage(*message, dialect, event);
    const bool has_id = !event.provider_message_id.empty() || !event.target_message_id.empty();
    if (!has_id) {
      event.kind = EventKind::kUnsupported;
      event.echo.reset();
      event.text = Bracketed(std::string(dialect.name) + " message", "no mid");
    }
  } else if (const Json* postback = fields::Member(item, "postback")) {
    event.kind = EventKind::kMessage;
    event.content = ContentKind::kButtonReply;
    event.provider_message_id = fields::String(*postback, "mid");
    event.payload = fields::String(*postback, "payload");
    event.text = fields::String(*postback, "title");
    event.has_words = !event.text.empty();
    if (!event.has_words) event.text = Summary(ContentKind::kButtonReply);
  } else if (const Json* reaction = fields::Member(item, "reaction")) {
    ReadReaction(*reaction, event);
  } else if (const Json* edit = fields::Member(item, "message_edit")) {
    event.kind = EventKind::kEdit;
    event.target_message_id = fields::String(*edit, "mid");
    event.content = ContentKind::kText;
    event.text = fields::String(*edit, "text");
  } else if (const Json* delivery = fields::Member(item, "delivery")) {
    ReadReceipt(*delivery, ReceiptStatus::kDelivered, std::move(event), out);
    return;
  } else if (const Json* read = fields::Member(item, "read")) {
    ReadReceipt(*read, ReceiptStatus::kRead, std::move(event), out);
    return;
  } else {
    event.kind = EventKind::kUnsupported;
    for (const HandoverKey& handover : kHandoverKeys) {
      if (const Json* control = fields::Member(item, handover.key)) {
        ReadHandover(*control, handover.action, event);
        break;
      }
    }
    if (event.kind == EventKind::kUnsupported) {
      event.text = Bracketed(std::string(dialect.name) + " event", EventKeyOf(item));
    }
  }
  out.push_back(std::move(event));
}

}  // namespace channels::messenger
