#include "runtime/intake.h"

#include <map>
#include <optional>
#include <tuple>

#include "channels/callback.h"
#include "channels/capabilities.h"
#include "channels/echo.h"

namespace runtime {
namespace {

core::DeliveryStatus ToDelivery(channels::ReceiptStatus s) {
  switch (s) {
    case channels::ReceiptStatus::kSent:
      return core::DeliveryStatus::kSent;
    case channels::ReceiptStatus::kDelivered:
      return core::DeliveryStatus::kDelivered;
    case channels::ReceiptStatus::kRead:
      return core::DeliveryStatus::kRead;
    case channels::ReceiptStatus::kFailed:
      return core::DeliveryStatus::kFailed;
  }
  return core::DeliveryStatus::kFailed;
}

std::string ErrorText(const channels::InboundEvent& e) {
  if (!e.error) return {};
  std::string text = std::to_string(e.error->code) + " " + e.error->title;
  if (!e.error->details.empty()) text += ": " + e.error->details;
  return text;
}

// What the customer sent instead of words. A caption or a button title is words: the brain reads
// them and the photo behind a caption goes unmentioned (the customer said in words what they want).
core::Attachment AttachmentOf(const channels::InboundEvent& e) {
  using channels::ContentKind;
  if (e.has_words) return core::Attachment::kNone;
  switch (e.content) {
    case ContentKind::kNone:
    case ContentKind::kText:
    case ContentKind::kButtonReply:
      return core::Attachment::kNone;
    case ContentKind::kImage:
      return core::Attachment::kImage;
    case ContentKind::kAudio:
      return core::Attachment::kAudio;
    case ContentKind::kVideo:
      return core::Attachment::kVideo;
    case ContentKind::kDocument:
      return core::Attachment::kDocument;
    case ContentKind::kSticker:
      return core::Attachment::kSticker;
    case ContentKind::kLocation:
      return core::Attachment::kLocation;
    case ContentKind::kContacts:
      return core::Attachment::kContacts;
    case ContentKind::kShare:
      return core::Attachment::kShare;
    case ContentKind::kUnsupported:
      return core::Attachment::kOther;
  }
  return core::Attachment::kOther;
}

// The timeline text of an event that is shown but never answered.
std::string NoteText(const channels::InboundEvent& e) {
  switch (e.kind) {
    case channels::EventKind::kReaction:
      return e.reaction && !e.reaction->removed ? "The customer reacted " + e.reaction->emoji
                                                : "The customer removed a reaction";
    case channels::EventKind::kEdit:
      return "The customer edited a message: " + e.text;
    case channels::EventKind::kDelete:
      return "The customer deleted a message";
    default:
      return {};
  }
}

core::CustomerMessage MessageOf(const channels::InboundEvent& e) {
  return core::CustomerMessage{e.text, e.at, channels::DedupeKey(e), e.customer_name,
                               AttachmentOf(e)};
}

// The media a customer message carries, whether or not it has a caption; nullopt for none.
// The kind a file of this content is kept as; nullopt for what has nothing to download (shares,
// locations...).
std::optional<core::Attachment> FileKind(channels::ContentKind kind) {
  switch (kind) {
    case channels::ContentKind::kImage:
      return core::Attachment::kImage;
    case channels::ContentKind::kAudio:
      return core::Attachment::kAudio;
    case channels::ContentKind::kVideo:
      return core::Attachment::kVideo;
    case channels::ContentKind::kDocument:
      return core::Attachment::kDocument;
    case channels::ContentKind::kSticker:
      return core::Attachment::kSticker;
    default:
      return std::nullopt;
  }
}

// The files of a customer message to download.
std::vector<core::NewMedia> MediaOf(const channels::InboundEvent& e) {
  std::vector<core::NewMedia> files;
  for (const channels::InboundMedia& m : e.media) {
    if (const auto kind = FileKind(m.kind)) files.push_back({*kind, m.id, m.mime_type, m.name});
  }
  return files;
}

core::ConversationKey KeyOf(const core::ChannelAccount& account, const channels::InboundEvent& e) {
  return core::ConversationKey{account.workspace_id, e.channel, e.customer_id, account.account_id};
}

}  // namespace

Intake::Intake(core::CallbackQueue& callbacks, core::Outbox& outbox,
               core::ChannelAccounts& accounts, core::MediaStore& media, Engine& engine,
               const base::Clock& clock, IntakeSettings settings)
    : callbacks_(callbacks),
      outbox_(outbox),
      accounts_(accounts),
      media_(media),
      engine_(engine),
      clock_(clock),
      settings_(settings) {}

base::Result<IntakeRun> Intake::ProcessPending() {
  const base::TimePoint now = clock_.Now();
  auto pending = callbacks_.ClaimCallbacks(now, settings_.batch, now + settings_.lease);
  if (!pending.ok()) return pending.error();
  IntakeRun run;
  AccountLookup accounts(accounts_);  // one read per account for the whole pass
  std::span<const core::Callback> rest(*pending);
  while (!rest.empty()) {
    const auto chunk = rest.first(std::min(rest.size(), settings_.per_transaction));
    rest = rest.subspan(chunk.size());
    // Parsed before the transaction: the store waits for no JSON.
    std::vector<base::Result<std::vector<channels::InboundEvent>>> parsed;
    parsed.reserve(chunk.size());
    for (const core::Callback& item : chunk) {
      parsed.push_back(channels::ParseCallback(item.channel, item.body));
    }
    const PreparedReplies prepared = PrepareReplies(parsed, accounts);
    // A failed chunk fails the pass, whose run is then dropped whole; what it still held is
    // given back, due at once to any instance rather than when its lease ends.
    Outcomes outcomes;
    base::Status done = engine_.Atomically(
        [&] { return ProcessChunk(chunk, parsed, prepared, accounts, run, outcomes); });
    if (done.ok()) done = Settle(outcomes);
    if (!done.ok()) {
      std::vector<std::int64_t> held;
      for (const core::Callback& item : std::span(chunk.data(), rest.data() + rest.size())) {
        held.push_back(item.id);
      }
      (void)callbacks_.ReleaseCallbacks(held);  // failing too, the lease still ends
      return done.error();
    }
  }
  return run;
}

base::Status Intake::Settle(const Outcomes& outcomes) {
  for (std::int64_t id : outcomes.retried) {
    if (base::Status done = callbacks_.RetryCallback(id, clock_.Now() + settings_.retry_delay);
        !done.ok()) {
      return done;
    }
  }
  for (const auto& [id, reason] : outcomes.parked) {
    if (base::Status done = callbacks_.ParkCallback(id, reason); !done.ok()) return done;
  }
  if (outcomes.finished.empty()) return base::Status::Ok();
  return callbacks_.FinishCallbacks(outcomes.finished);
}

Intake::PreparedReplies Intake::PrepareReplies(
    const std::vector<base::Result<std::vector<channels::InboundEvent>>>& parsed,
    AccountLookup& accounts) {
  // The customer messages of the chunk with their conversations; a conversation with two of them
  // (a burst) is answered once, for both, by the pool.
  std::vector<std::pair<core::ConversationKey, const channels::InboundEvent*>> messages;
  std::map<std::tuple<std::int64_t, core::Channel, std::string, std::string>, int> per_conversation;
  for (const auto& events : parsed) {
    if (!events.ok()) continue;
    for (const channels::InboundEvent& event : *events) {
      if (event.kind != channels::EventKind::kMessage || event.customer_id.empty() ||
          event.standby) {
        continue;
      }
      auto account = accounts.Find(event.channel, event.account_id);
      if (!account.ok()) continue;  // the transaction parks or retries the callback
      const core::ConversationKey key = KeyOf(*account, event);
      ++per_conversation[{key.workspace_id, key.channel, key.customer_id, key.account_id}];
      messages.emplace_back(key, &event);
    }
  }
  PreparedReplies prepared;
  for (const auto& [key, event] : messages) {
    if (per_conversation[{key.workspace_id, key.channel, key.customer_id, key.account_id}] > 1) {
      continue;
    }
    core::CustomerMessage message = MessageOf(*event);
    if (auto reply = engine_.PrepareReply(key, message)) {
      prepared.emplace(std::move(message.provider_message_id), std::move(*reply));
    }
  }
  return prepared;
}

base::Status Intake::ProcessChunk(
    std::span<const core::Callback> items,
    const std::vector<base::Result<std::vector<channels::InboundEvent>>>& parsed,
    const PreparedReplies& prepared, AccountLookup& accounts, IntakeRun& run, Outcomes& outcomes) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const core::Callback& item = items[i];
    const auto& events = parsed[i];
    // Keeps the callback to look at, and says so in the run's notes.
    const auto park = [&](const std::string& reason) {
      run.notes.push_back("callback " + std::to_string(item.id) + " kept in the queue: " + reason);
      outcomes.parked.emplace_back(item.id, reason);
    };
    if (!events.ok()) {
      // The signature was good but the payload is not one we can read: keep it to look at.
      park(events.error().message);
      ++run.rejected;
      continue;
    }
    bool later = false;
    std::string unknown_account;  // "whatsapp account 1065..." when no workspace has it
    for (const channels::InboundEvent& event : *events) {
      auto handled = Route(event, item, prepared, accounts, run);
      if (!handled.ok()) {
        later = true;  // a store error: the whole callback again, applied events are skipped
        break;
      }
      later = later || *handled == Handled::kLater;
      if (*handled == Handled::kUnknownAccount && unknown_account.empty()) {
        unknown_account =
            std::string(core::ToString(event.channel)) + " account " + event.account_id;
      }
      if (*handled == Handled::kDone) ++run.events;
    }
    if (later && item.attempts + 1 < settings_.max_attempts) {
      outcomes.retried.push_back(item.id);
      ++run.retried;
    } else if (later) {
      // Nothing acknowledged is dropped: what could not be handled is kept to look at.
      park("not handled after " + std::to_string(settings_.max_attempts) + " attempts");
      ++run.parked;
    } else if (!unknown_account.empty()) {
      park("no workspace has the " + unknown_account);
      ++run.parked;
    } else {
      outcomes.finished.push_back(item.id);
      ++run.callbacks;
      run.delays.push_back(clock_.Now() - item.received_at);
    }
  }
  return base::Status::Ok();
}

base::Result<Intake::Handled> Intake::Route(const channels::InboundEvent& event,
                                            const core::Callback& item,
                                            const PreparedReplies& prepared,
                                            AccountLookup& accounts, IntakeRun& run) {
  using channels::EventKind;
  // Messenger/Instagram's standby: another app (the Page Inbox, a CRM) owns the thread under the
  // handover protocol; its messages are that app's to answer. A person's reply there (an echo)
  // is still a person acting: it pauses the AI as any echo does.
  if (event.standby && event.kind != EventKind::kEcho) return Handled::kDone;
  if (event.kind == EventKind::kStatus) return OnReceipt(event, item, run);
  if (event.kind != EventKind::kMessage && event.kind != EventKind::kEcho &&
      event.kind != EventKind::kReaction && event.kind != EventKind::kEdit &&
      event.kind != EventKind::kDelete) {
    return Handled::kDone;  // handovers, account-level errors, unknown events: nothing to do
  }
  if (event.customer_id.empty()) return Handled::kDone;
  auto account = accounts.Find(event.channel, event.account_id);
  if (!account.ok()) {
    if (account.error().code == base::ErrorCode::kNotFound) return Handled::kUnknownAccount;
    return account.error();
  }
  switch (event.kind) {
    case EventKind::kMessage: {
      core::CustomerMessage message = MessageOf(event);
      const auto reply = prepared.find(message.provider_message_id);
      const std::string key = message.provider_message_id;
      auto handled = Apply(*account, event, std::move(message),
                           reply == prepared.end() ? nullptr : &reply->second);
      if (!handled.ok() || *handled != Handled::kDone) return handled;
      // In the message's transaction; downloaded later, by the media fetcher.
      for (const core::NewMedia& media : MediaOf(event)) {
        if (base::Status added = media_.AddMedia(account->workspace_id, key, media, clock_.Now());
            !added.ok()) {
          return added.error();
        }
      }
      return handled;
    }
    case EventKind::kEcho:
      return OnEcho(event, *account, item);
    default:
      if (event.echo) return Handled::kDone;  // the business edited or deleted its own message
      return Apply(*account, event,
                   core::ChannelNote{NoteText(event), event.at, channels::DedupeKey(event)});
  }
}

base::Result<Intake::Handled> Intake::OnEcho(const channels::InboundEvent& event,
                                             const core::ChannelAccount& account,
                                             const core::Callback& item) {
  auto ours = outbox_.IsOwnSend(event.channel, event.provider_message_id);
  if (!ours.ok()) return ours.error();
  const channels::Echo echo = event.echo.value_or(channels::Echo{});
  if (channels::ClassifyEcho(echo, account.app_id, *ours) == channels::EchoOrigin::kOurs) {
    return Handled::kDone;
  }
  if (channels::CapabilitiesOf(event.channel).echo_needs_ledger_match &&
      clock_.Now() < item.received_at + settings_.echo_grace) {
    auto in_flight =
        outbox_.HasSendInFlight(event.channel, event.account_id, event.customer_id, clock_.Now());
    if (!in_flight.ok()) return in_flight.error();
    if (*in_flight) return Handled::kLater;  // it may be ours, back before our send returned
  }
  return Apply(account, event, core::OwnerEcho{event.text, event.at, channels::DedupeKey(event)});
}

base::Result<Intake::Handled> Intake::OnReceipt(const channels::InboundEvent& event,
                                                const core::Callback& item, IntakeRun& run) {
  if (!event.receipt) return Handled::kDone;
  if (event.target_message_id.empty()) {
    if (!event.receipt->watermark) return Handled::kDone;
    return OnWatermark(event, *event.receipt->watermark, item, run);
  }
  auto known = outbox_.UpdateDelivery(event.channel, event.target_message_id,
                                      ToDelivery(event.receipt->status), ErrorText(event));
  if (!known.ok()) return known.error();
  if (*known) {
    run.changes.push_back(**known);
    return Handled::kDone;
  }
  // A receipt can overtake our own record of the send: wait for it a little.
  if (item.attempts + 1 < settings_.max_attempts) return Handled::kLater;
  return Handled::kDone;
}

base::Result<Intake::Handled> Intake::OnWatermark(const channels::InboundEvent& event,
                                                  base::TimePoint watermark,
                                                  const core::Callback& item, IntakeRun& run) {
  // A send to this customer that has left but is not recorded yet may be among the messages the
  // watermark covers: wait for its record a little, as for a receipt naming it.
  if (item.attempts + 1 < settings_.max_attempts) {
    auto in_flight =
        outbox_.HasSendInFlight(event.channel, event.account_id, event.customer_id, clock_.Now());
    if (!in_flight.ok()) return in_flight.error();
    if (*in_flight) return Handled::kLater;
  }
  auto moved = outbox_.UpdateDeliveryUpTo(event.channel, event.account_id, event.customer_id,
                                          watermark, ToDelivery(event.receipt->status));
  if (!moved.ok()) return moved.error();
  run.changes.insert(run.changes.end(), moved->begin(), moved->end());
  return Handled::kDone;
}

base::Result<Intake::Handled> Intake::Apply(const core::ChannelAccount& account,
                                            const channels::InboundEvent& event,
                                            const core::Event& change,
                                            const PreparedReply* prepared) {
  auto decision = engine_.Handle(KeyOf(account, event), change, prepared);
  if (decision.ok()) return Handled::kDone;
  switch (decision.error().code) {
    case base::ErrorCode::kAlreadyExists:  // a duplicate callback: applied before
      return Handled::kDone;
    default:
      return decision.error();
  }
}

}  // namespace runtime
