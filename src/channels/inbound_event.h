// InboundEvent: one atomic thing a Meta callback told us, whatever the channel's payload shape.
//
// A callback batches any number of events (every entry, change, messaging item and every
// messages[] / statuses[] / message_echoes[] element); ParseCallback (channels/callback.h) turns it
// into a vector of these. The caller routes each event by (channel, account_id) to a workspace;
// the customer is (channel, customer_id), also for echoes, where the customer is the recipient.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "core/enums.h"

namespace channels {

// What happened. Which optional parts of InboundEvent are set depends on it (see the fields).
enum class EventKind {
  kMessage,      // the customer wrote something (text, media, a button tap, ...): opens the window
  kEcho,         // someone on the business side sent a message (see `echo` for who)
  kStatus,       // a receipt for one of the business's messages (see `receipt`)
  kReaction,     // the customer reacted to a message, or removed a reaction (see `reaction`)
  kEdit,         // a message was edited: `target_message_id`, the new text in `text`
  kDelete,       // a message was unsent / revoked: `target_message_id`
  kHandover,     // Messenger/Instagram thread control changed or was requested (see `handover`)
  kError,        // WhatsApp error not tied to a message (value.errors[]); see `error`
  kUnsupported,  // anything else (unknown event, field or malformed item); `text` summarizes it
};

// What a kMessage / kEcho carries. Anything the AI cannot read still gets a summary in `text`.
enum class ContentKind {
  kNone,  // events that are not messages
  kText,
  kImage,
  kAudio,
  kVideo,
  kDocument,
  kSticker,
  kLocation,
  kContacts,
  kButtonReply,  // a tap on one of our buttons / list rows / quick replies / postbacks
  kShare,        // Instagram shares, reels, posts, story mentions; Messenger link templates
  kUnsupported,  // a message type the provider or this parser cannot render
};

// What the payload alone says about who sent an echo (reference §8.1). Combine it with our app
// id and the sent-message ledger through ClassifyEcho (channels/echo.h).
enum class EchoSource {
  kBusinessApp,  // WhatsApp smb_message_echoes: the owner in the WhatsApp Business app
  kPageInbox,    // Messenger: app_id 263902037430900 or absent: a person in the Page Inbox,
                 // Meta Business Suite or the Messenger app
  kApp,          // Messenger: sent by an app through the Send API; `app_id` says which
  kUnknown,      // Instagram: payloads carry no reliable app id; match the mid with the ledger
};

struct Echo {
  EchoSource source = EchoSource::kUnknown;
  std::string app_id;  // decimal string; empty when the payload has none
};

// Receipt states are ordered: sent < delivered < read (read implies delivered). Failed is final.
enum class ReceiptStatus { kSent, kDelivered, kRead, kFailed };

// A provider error: a failed receipt, an unsupported inbound message, an out-of-band error.
struct ProviderError {
  std::int64_t code = 0;
  std::string title;    // the provider's short text ("Re-engagement message")
  std::string details;  // error_data.details when present
};

struct Receipt {
  ReceiptStatus status = ReceiptStatus::kSent;
  // Messenger: every message sent at or before this time has this status (mids may be absent,
  // then target_message_id is empty and only the watermark says which messages).
  std::optional<base::TimePoint> watermark;
};

struct Reaction {
  std::string emoji;     // empty when removed
  bool removed = false;  // WhatsApp: empty or missing emoji; Messenger/Instagram: "unreact"
};

enum class HandoverAction { kTake, kPass, kRequest };

struct Handover {
  HandoverAction action = HandoverAction::kTake;
  std::string previous_owner_app_id;  // empty when absent or null
  std::string new_owner_app_id;       // for kRequest: the app that asks for control
  std::string metadata;
};

// A file a customer's message carries, to be downloaded.
struct InboundMedia {
  ContentKind kind = ContentKind::kImage;
  std::string id;         // WhatsApp media id, or a Messenger/Instagram attachment URL
  std::string mime_type;  // WhatsApp only
  std::string name;       // WhatsApp documents: the file name as sent
};

struct InboundEvent {
  core::Channel channel = core::Channel::kWhatsapp;
  EventKind kind = EventKind::kUnsupported;
  // The business account to route on: WhatsApp phone_number_id, Page id, Instagram account id.
  std::string account_id;
  // The customer: wa_id (or the WhatsApp business-scoped user id when wa_id is empty), PSID,
  // IGSID. For echoes and receipts, the recipient. Empty for kError and account-level events.
  std::string customer_id;
  std::string customer_user_id;  // WhatsApp business-scoped user id (BSUID) when present
  std::string customer_name;     // WhatsApp profile name when present
  // The event's own message id (wamid / mid): the dedupe key of kMessage and kEcho. Empty for
  // events without one (receipts, reactions, deletes, ...); use DedupeKey() for every event.
  std::string provider_message_id;
  base::TimePoint at;  // the event's own timestamp (never the time we received it)
  ContentKind content = ContentKind::kNone;
  // kMessage/kEcho: the text, caption or button title, or a short summary of what the AI cannot
  // read ("[image]", "[location: 38.72, -9.14 Lisbon]"). kEdit: the new text. kUnsupported:
  // what it was ("[messenger event: optin]").
  std::string text;
  // kMessage/kEcho: `text` holds words the sender wrote (a text, a caption, a button title), not
  // only summaries: an image with a caption has words, an image alone does not.
  bool has_words = false;
  std::string payload;  // kButtonReply: the button's id / payload
  // kMessage: the files it carries, in the order sent (WhatsApp: one; Messenger and Instagram:
  // every attachment with a URL, so three photos in one message are three files).
  std::vector<InboundMedia> media;
  std::string reply_to_message_id;  // kMessage/kEcho quoting an earlier message
  // kReaction, kEdit, kDelete: the message acted on. kStatus: the message the receipt is for.
  std::string target_message_id;
  // The correlation string we attached when sending: WhatsApp biz_opaque_callback_data on
  // receipts, Messenger message.metadata on echoes.
  std::string send_metadata;
  // Messenger/Instagram: arrived on `standby`: another app (e.g. the Page Inbox) owns the thread.
  bool standby = false;
  // Set iff the business side authored the event: kEcho, and kEdit/kDelete of its messages.
  std::optional<Echo> echo;
  std::optional<Receipt> receipt;      // kStatus
  std::optional<Reaction> reaction;    // kReaction
  std::optional<Handover> handover;    // kHandover
  std::optional<ProviderError> error;  // failed receipts, unsupported messages, kError
};

std::string_view ToString(EventKind v);
std::string_view ToString(ContentKind v);
std::string_view ToString(EchoSource v);
std::string_view ToString(ReceiptStatus v);
std::string_view ToString(HandoverAction v);

// A stable key per reference §6 that is equal for two deliveries of the same event and differs
// between different events: "<channel>:<kind>:<provider_message_id>" for kMessage and kEcho
// ("whatsapp:message:wamid.HBg..."); receipts add the status (and the watermark), reactions the
// emoji and the time, and so on.
std::string DedupeKey(const InboundEvent& event);

// The provider's message id inside the DedupeKey of a message ("whatsapp:message:wamid.X" ->
// "wamid.X"), as a customer message stores it; nullopt for any other key.
std::optional<std::string> MessageIdOfDedupeKey(std::string_view key);

}  // namespace channels
