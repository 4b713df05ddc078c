// The Outbox port: messages of the AI and of CRM users waiting to go out through their channel.
// The store fills it in the same transaction that commits a decision (core::Store::Commit), so a
// reply is never lost between deciding and sending.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/enums.h"

namespace core {

struct OutboxItem {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  std::int64_t conversation_id = 0;
  std::int64_t message_id = 0;
  Channel channel = Channel::kWhatsapp;
  std::string account_id;  // the workspace's channel account that sends it
  std::string recipient;   // the customer's id on the channel
  Author author = Author::kAi;
  std::string text;
  std::int64_t epoch = 0;     // the control epoch the message was decided under
  int attempts = 0;           // sends tried so far
  base::TimePoint queued_at;  // when the message was decided (the AI) or written (a person)
  // The conversation as it is now, to check right before sending:
  std::int64_t conversation_epoch = 0;
  std::optional<base::TimePoint> last_customer_at;  // opens the channel's messaging window
};

// The outbox's messages by state.
struct OutboxDepth {
  std::int64_t due = 0;      // to be sent now (claimed ones included)
  std::int64_t waiting = 0;  // to be retried later
  std::int64_t sending = 0;  // their request has left; the answer is awaited
};

// A message's delivery moved (sent, delivered, read, failed, dropped): what live views show.
struct DeliveryChange {
  std::int64_t workspace_id = 0;
  std::int64_t conversation_id = 0;
  std::int64_t message_id = 0;
  DeliveryStatus delivery = DeliveryStatus::kNone;
  std::string error;  // the provider's code and text, or why it was never sent
};

// A send the provider accepted.
struct SentItem {
  std::int64_t item_id = 0;
  std::string provider_message_id;  // "" when the answer named none
  // When the request left, just before the provider stamped the message, so that a watermark
  // (UpdateDeliveryUpTo) in the provider's time covers it.
  base::TimePoint at;
};

// Thread-safety: every method may be called from any thread. Errors as in core::Store.
class Outbox {
 public:
  virtual ~Outbox() = default;
  // Due items (queued, or in flight with an expired lease), oldest first, at most `limit`; each is
  // leased to the caller until `lease_until`, so a worker that dies gives its items back then.
  // An item is due only once every earlier item of its conversation is done, so a conversation's
  // messages go out in order and never two at once.
  virtual base::Result<std::vector<OutboxItem>> ClaimOutbox(base::TimePoint now, std::size_t limit,
                                                            base::TimePoint lease_until) = 0;
  // Recovery when a process starts after another stopped (crashed) while sending from this store:
  // items it had claimed go out now rather than when their leases end; items it was sending (see
  // MarkSending) may or may not have reached the customer, and are never sent again: their
  // message fails with a reason that says so. Returns how many were failed that way. A store
  // several instances share does so for the items of this instance only (by the name it serves
  // under); another instance's item comes back when its lease ends, and one that was being sent
  // then fails as above.
  virtual base::Result<int> RecoverOutbox() = 0;
  // The items' requests are about to leave: from now on a crash cannot tell whether the provider
  // got them (no reply is ever sent twice). ClaimOutbox no longer returns them; RetryOutbox (a
  // definite failure, or a timeout) makes one claimable again. All or none (kNotFound when one is
  // not in the outbox).
  virtual base::Status MarkSending(const std::vector<std::int64_t>& item_ids) = 0;
  // The provider accepted them: each message becomes sent with its provider id; the items are
  // done. All or none.
  virtual base::Status MarkSent(const std::vector<SentItem>& sent) = 0;
  // A retryable failure: the item is queued again for `not_before`.
  virtual base::Status RetryOutbox(std::int64_t item_id, base::TimePoint not_before,
                                   const std::string& error) = 0;
  // A final outcome without a send: the message becomes `status` (kFailed: the provider refused
  // it; kDropped: a person took over or the window closed), with `reason`; the item is done.
  virtual base::Status FinishUnsent(std::int64_t item_id, DeliveryStatus status,
                                    const std::string& reason) = 0;
  // A status webhook for one of our sends: moves the message's delivery forward (never back;
  // kFailed is final). Returns the message's delivery as it is now, or nullopt when no message of
  // the channel has that provider id.
  virtual base::Result<std::optional<DeliveryChange>> UpdateDelivery(
      Channel channel, const std::string& provider_message_id, DeliveryStatus status,
      const std::string& error) = 0;
  // A status webhook that names no message but a time (Messenger's watermark: every message sent
  // at or before it has `status`): moves to `status` every message we sent on that channel
  // account to `recipient` (delivery sent or delivered, with a provider id) whose send time
  // (MarkSent's `at`) is at or before `watermark`, by UpdateDelivery's rule: never back, so read
  // stays read and failed stays failed. `status` is kDelivered or kRead; any other changes
  // nothing. Returns the messages that moved (none when none matched).
  virtual base::Result<std::vector<DeliveryChange>> UpdateDeliveryUpTo(
      Channel channel, const std::string& account_id, const std::string& recipient,
      base::TimePoint watermark, DeliveryStatus status) = 0;
  // True when `provider_message_id` is one of our own sends on that channel (the ledger that tells
  // an echo of our send from a person's).
  virtual base::Result<bool> IsOwnSend(Channel channel, const std::string& provider_message_id) = 0;
  // True when a send to `recipient` on that account is leased right now (an echo may be of it).
  virtual base::Result<bool> HasSendInFlight(Channel channel, const std::string& account_id,
                                             const std::string& recipient, base::TimePoint now) = 0;
  // How many messages are in the outbox, by state at `now` (for the queue-depth gauges).
  virtual base::Result<OutboxDepth> MeasureOutbox(base::TimePoint now) = 0;
};

}  // namespace core
