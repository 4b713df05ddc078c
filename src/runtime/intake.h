// Intake: turns the raw callbacks Meta posted (core::CallbackQueue) into events on conversations.
//
// For each pending callback: parse it (channels::ParseCallback), route every event by (channel,
// account id) to its workspace, and hand it to the engine:
//   - a customer message becomes core::CustomerMessage (deduplicated by its provider id), with
//     the attachment it carries instead of words (an image without a caption, a voice note, a
//     location...); a caption or a button title is words, and the photo behind a caption is not
//     named;
//   - an echo of our own send is ignored; a person's echo becomes core::OwnerEcho from the echo's
//     own timestamp. On channels whose echoes need the sent-message ledger (Instagram), an echo
//     that matches nothing while a send to that customer is in flight waits (the grace period):
//     it may be ours, arriving before our send returned;
//   - a receipt moves the delivery state of our message (sent < delivered < read, failed); a
//     Messenger receipt with only a watermark moves every message we sent that customer on that
//     account up to the watermark (core::Outbox::UpdateDeliveryUpTo);
//   - reactions, edits and deletes become core::ChannelNote on the timeline;
//   - the media a customer message carries (a photo, with or without a caption, a voice note, a
//     document...) is recorded for download (core::MediaStore::AddMedia) with its message.
// A callback whose events are all handled is removed. One that cannot be handled yet (a receipt
// racing our send, an echo in its grace period, a store error) is tried again later; events
// already applied are not applied twice (provider ids). A callback for an account no workspace
// has is parked for inspection and counted.
//
// Events are handled one at a time, in order: one conversation never sees two at once. The
// callbacks of a pass are handled `per_transaction` at a time in one store transaction
// (Engine::Atomically); once it committed, the queue is told what became of each (removed, to be
// tried again, parked). The queue is not part of that transaction (it may be another file): a
// crash in between only means the callbacks are handled again, and the engine refuses what it
// already applied (provider ids), so nothing is applied twice and nothing is lost.
// Before that transaction, a brain that answers at once (the local brain) proposes the replies of
// the chunk's customer messages (Engine::PrepareReply), so a message and its reply are stored
// together; a brain that calls out is never called here: its replies stay due for the reply pool.
// Thread-safety: ProcessPending must not run on two threads at once.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "channels/inbound_event.h"
#include "core/callback_queue.h"
#include "core/channel_account.h"
#include "core/media.h"
#include "core/outbox.h"
#include "runtime/account_lookup.h"
#include "runtime/engine.h"

namespace runtime {

struct IntakeSettings {
  std::size_t batch = 256;  // callbacks per pass
  // Callbacks handled in one store transaction. On a database several instances share, 1: a
  // transaction holding several conversations' rows could deadlock with another instance's.
  std::size_t per_transaction = 16;
  base::Duration retry_delay = std::chrono::seconds{2};
  // How long a pass holds the callbacks it claimed: on a queue several instances share, those of
  // an instance that died are handled by another after this.
  base::Duration lease = std::chrono::seconds{60};
  base::Duration echo_grace = std::chrono::seconds{30};  // an unmatched echo waits this long
  int max_attempts = 10;                                 // then what remains is dropped
};

struct IntakeRun {
  int callbacks = 0;                   // finished
  int events = 0;                      // handed to the engine or applied
  int retried = 0;                     // callbacks to try again later
  int parked = 0;                      // callbacks for unknown accounts
  int rejected = 0;                    // callbacks that were not a valid payload (dropped)
  std::vector<base::Duration> delays;  // of each finished callback: from stored to handled
  std::vector<std::string> notes;      // for the log: each callback parked or rejected, and why
  std::vector<core::DeliveryChange> changes;  // deliveries that status callbacks reported
};

class Intake {
 public:
  // Borrowed references must outlive the intake.
  Intake(core::CallbackQueue& callbacks, core::Outbox& outbox, core::ChannelAccounts& accounts,
         core::MediaStore& media, Engine& engine, const base::Clock& clock,
         IntakeSettings settings = {});

  // Processes the callbacks due now. Returns what happened, or the store's error.
  base::Result<IntakeRun> ProcessPending();

 private:
  enum class Handled { kDone, kLater, kUnknownAccount };
  // By the provider id of the customer message they answer.
  using PreparedReplies = std::unordered_map<std::string, PreparedReply>;
  PreparedReplies PrepareReplies(
      const std::vector<base::Result<std::vector<channels::InboundEvent>>>& parsed,
      AccountLookup& accounts);
  // What becomes of each callback of a chunk, told to the queue once the chunk committed.
  struct Outcomes {
    std::vector<std::int64_t> finished;
    std::vector<std::int64_t> retried;
    std::vector<std::pair<std::int64_t, std::string>> parked;  // with the reason
  };
  // Handles `items` (with `parsed`, their payloads parsed), adding to `run` and `outcomes`; in
  // the caller's transaction.
  base::Status ProcessChunk(
      std::span<const core::Callback> items,
      const std::vector<base::Result<std::vector<channels::InboundEvent>>>& parsed,
      const PreparedReplies& prepared, AccountLookup& accounts, IntakeRun& run, Outcomes& outcomes);
  // Tells the queue `outcomes`.
  base::Status Settle(const Outcomes& outcomes);
  base::Result<Handled> Route(const channels::InboundEvent& event, const core::Callback& item,
                              const PreparedReplies& prepared, AccountLookup& accounts,
                              IntakeRun& run);
  base::Result<Handled> OnEcho(const channels::InboundEvent& event,
                               const core::ChannelAccount& account, const core::Callback& item);
  // Status callbacks: the deliveries they moved go into `run`.
  base::Result<Handled> OnReceipt(const channels::InboundEvent& event, const core::Callback& item,
                                  IntakeRun& run);
  base::Result<Handled> OnWatermark(const channels::InboundEvent& event, base::TimePoint watermark,
                                    const core::Callback& item, IntakeRun& run);
  base::Result<Handled> Apply(const core::ChannelAccount& account,
                              const channels::InboundEvent& event, const core::Event& change,
                              const PreparedReply* prepared = nullptr);

  core::CallbackQueue& callbacks_;
  core::Outbox& outbox_;
  core::ChannelAccounts& accounts_;
  core::MediaStore& media_;
  Engine& engine_;
  const base::Clock& clock_;
  IntakeSettings settings_;
};

}  // namespace runtime
