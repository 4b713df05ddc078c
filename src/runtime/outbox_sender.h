// Delivers the outbox: each queued message of the AI or a CRM user goes out through its channel's
// Graph API, once, with deadlines, retries and backoff, and never against the control lease or the
// messaging window.
//
// A pass claims the items due and, for each:
//   1. an AI message decided under an older control epoch (a person took over since) is dropped,
//      never sent; the handoff message itself carries the handoff's epoch and goes out;
//   2. the channel account must be connected, else the message fails ("reconnection needed");
//   3. the messaging window (channels::DecideSend) must allow it: a person's message between
//      24 h and 7 days goes with the HUMAN_AGENT tag on Messenger/Instagram; outside, it fails;
//   4. a message with a file a person attached (core::MediaStore) sends the file first
//      (channels/file_send.h: on WhatsApp an upload, then a message with its id), then its text,
//      if any; a channel that cannot take the file fails the message, saying why.
// What may go out is marked sending (one transaction for the pass), then sent through the
// Transport, up to `parallel` at once; the answers (channels::ClassifyResponse) mark the messages
// sent with their provider ids (again one transaction), retry them after a jittered exponential
// backoff (timeouts, 5xx, rate limits), fail them with the provider's code and text, or turn the
// channel to "reconnection needed" when the token no longer works. The store never hands out two
// items of one conversation together, so a conversation's messages leave in order. A worker that
// dies leaves its items leased; they come back when the lease ends.
//
// Thread-safety: RunOnce may run on several threads; each claimed item is leased to one. The
// transport is called from several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "channels/send_outcome.h"
#include "channels/sender.h"
#include "core/channel_account.h"
#include "core/media.h"
#include "core/outbox.h"
#include "runtime/account_lookup.h"
#include "runtime/parallel_runner.h"

namespace runtime {

// What came back from the provider for one request. A Result error means no answer (connection
// refused, timeout): retryable.
struct TransportReply {
  int status = 0;
  std::string body;
};
using Transport = std::function<base::Result<TransportReply>(const channels::OutboundRequest&)>;

struct OutboxSettings {
  std::string api_version = "v25.0";
  std::size_t batch = 64;                           // items claimed at once
  int parallel = 8;                                 // deliveries in flight at once
  base::Duration lease = std::chrono::seconds{60};  // > the transport's deadline
  int max_attempts = 8;                             // then the message fails
  base::Duration first_backoff = std::chrono::seconds{1};
  base::Duration max_backoff = std::chrono::minutes{5};
  std::uint64_t jitter_seed = 0;  // 0: from the system's entropy
};

struct OutboxRun {
  // Every message whose delivery this pass moved (sent, failed, dropped): for live views.
  std::vector<core::DeliveryChange> changes;
  int sent = 0;
  std::vector<base::Duration> delays;  // of each sent message: from queued to accepted
  int retried = 0;
  int failed = 0;
  int dropped = 0;
};

class OutboxSender {
 public:
  // Borrowed references must outlive the sender.
  OutboxSender(core::Outbox& outbox, core::ChannelAccounts& accounts, core::MediaStore& media,
               Transport transport, const base::Clock& clock, OutboxSettings settings = {});

  // Claims the items due now and delivers them. Returns what happened, or the store's error.
  base::Result<OutboxRun> RunOnce();

  // The wait before attempt `attempts` + 1: first_backoff * 2^attempts, capped, with full jitter
  // in [half, whole], and never below the provider's `retry_after`.
  base::Duration Backoff(int attempts, base::Duration retry_after);

 private:
  struct Send;
  struct Answer;
  // The send of an item that may go out now (its text in parts), or nullopt when it was settled
  // already (recorded in `run`).
  base::Result<std::optional<Send>> Prepare(const core::OutboxItem& item, base::TimePoint now,
                                            AccountLookup& accounts, OutboxRun& run);
  Answer Transmit(const Send& send);
  // Sends the file of `send`: its outcome (kSent with the message's provider id, or why not).
  channels::SendOutcome TransmitFile(const Send& send);
  // Records in the store and in `run` what the answer to a send that did not go through means for
  // its item.
  base::Status Settle(const Send& send, const Answer& answer, OutboxRun& run);
  base::Status Retry(const core::OutboxItem& item, base::Duration retry_after,
                     const std::string& why, OutboxRun& run);
  // Fails or drops the item for good.
  base::Status Finish(const core::OutboxItem& item, core::DeliveryStatus status,
                      const std::string& why, OutboxRun& run);

  core::Outbox& outbox_;
  core::ChannelAccounts& accounts_;
  core::MediaStore& media_;
  Transport transport_;
  const base::Clock& clock_;
  OutboxSettings settings_;
  ParallelRunner runner_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;  // guarded by random_mutex_
};

}  // namespace runtime
