#include "runtime/outbox_sender.h"

#include <algorithm>
#include <vector>

#include "channels/capabilities.h"
#include "channels/send_outcome.h"
#include "channels/text_split.h"

namespace runtime {
namespace {

constexpr int kMaxBackoffShift = 30;

std::uint64_t Seed(std::uint64_t configured) {
  if (configured != 0) return configured;
  std::random_device entropy;
  return (std::uint64_t{entropy()} << 32) | entropy();
}

}  // namespace

OutboxSender::OutboxSender(core::Outbox& outbox, core::ChannelAccounts& accounts,
                           Transport transport, const base::Clock& clock, OutboxSettings settings)
    : outbox_(outbox),
      accounts_(accounts),
      transport_(std::move(transport)),
      clock_(clock),
      settings_(std::move(settings)),
      runner_(std::max(settings_.parallel, 1)),
      random_(Seed(settings_.jitter_seed)) {}

base::Result<OutboxRun> OutboxSender::RunOnce() {
  const base::TimePoint now = clock_.Now();
  auto items = outbox_.ClaimOutbox(now, settings_.batch, now + settings_.lease);
  if (!items.ok()) return items.error();
  std::vector<base::Result<Outcome>> outcomes(items->size(), Outcome::kSent);
  runner_.ForEach(items->size(), [&](std::size_t i) { outcomes[i] = Deliver((*items)[i]); });
  OutboxRun run;
  for (const base::Result<Outcome>& outcome : outcomes) {
    if (!outcome.ok()) return outcome.error();  // the store failed: the lease brings it back
    switch (*outcome) {
      case Outcome::kSent:
        ++run.sent;
        break;
      case Outcome::kRetried:
        ++run.retried;
        break;
      case Outcome::kFailed:
        ++run.failed;
        break;
      case Outcome::kDropped:
        ++run.dropped;
        break;
    }
  }
  return run;
}

base::Duration OutboxSender::Backoff(int attempts, base::Duration retry_after) {
  const int shift = std::clamp(attempts, 0, kMaxBackoffShift);
  const base::Duration exponential =
      std::min(settings_.max_backoff, base::Duration{settings_.first_backoff.count() << shift});
  const base::Duration capped = std::max(exponential, settings_.first_backoff);
  std::int64_t jittered;
  {
    std::lock_guard lock(random_mutex_);
    std::uniform_int_distribution<std::int64_t> half_to_whole(capped.count() / 2, capped.count());
    jittered = half_to_whole(random_);
  }
  return std::max(base::Duration{jittered}, retry_after);
}

base::Result<OutboxSender::Outcome> OutboxSender::Deliver(const core::OutboxItem& item) {
  // The control epoch alone decides: the AI's handoff message is decided under the epoch of the
  // handoff itself (Manual mode) and must go out; anything older than a human signal must not.
  if (item.author == core::Author::kAi && item.epoch != item.conversation_epoch) {
    return Finish(item, core::DeliveryStatus::kDropped, "a person took over before it was sent");
  }
  auto account = accounts_.FindChannelAccount(item.channel, item.account_id);
  if (!account.ok()) {
    if (account.error().code != base::ErrorCode::kNotFound) return account.error();
    return Finish(item, core::DeliveryStatus::kFailed, "the channel account was removed");
  }
  if (account->status == core::ChannelStatus::kReconnectionNeeded) {
    return Finish(item, core::DeliveryStatus::kFailed, "the channel needs reconnection");
  }
  const base::TimePoint now = clock_.Now();
  const channels::SendDecision may =
      channels::DecideSend(item.channel, item.author, item.last_customer_at, now);
  if (may.permission == channels::SendPermission::kRefuseWindowClosed) {
    return Finish(item, core::DeliveryStatus::kFailed, "the messaging window is closed");
  }
  // A text longer than the channel takes goes out in parts. Only the first part is ever retried:
  // once a part went out, a retry would send it twice.
  const std::vector<std::string> parts = channels::SplitForChannel(item.channel, item.text);
  const channels::SendTarget target{item.channel, settings_.api_version, item.account_id,
                                    account->access_token, item.recipient};
  std::string first_provider_id;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    channels::OutgoingText text;
    text.text = parts[i];
    text.human_agent_tag = may.permission == channels::SendPermission::kSendWithHumanAgentTag;
    auto request = channels::BuildSend(target, text);
    if (!request.ok()) return Finish(item, core::DeliveryStatus::kFailed, request.error().message);
    if (i == 0) {
      // From here on a crash cannot know whether the provider got it: never sent twice.
      if (base::Status marked = outbox_.MarkSending(item.id); !marked.ok()) return marked.error();
    }
    auto reply = transport_(*request);
    const channels::SendOutcome outcome =
        reply.ok() ? channels::ClassifyResponse(item.channel, reply->status, reply->body)
                   : channels::SendOutcome{channels::SendResult::kRetryable,
                                           channels::FailureReason::kTemporary,
                                           "",
                                           0,
                                           0,
                                           reply.error().message};
    if (outcome.result == channels::SendResult::kSent) {
      if (i == 0) first_provider_id = outcome.provider_message_id;
      continue;
    }
    if (outcome.result == channels::SendResult::kTokenInvalid) {
      base::Status marked = accounts_.SetChannelStatus(item.channel, item.account_id,
                                                       core::ChannelStatus::kReconnectionNeeded);
      if (!marked.ok()) return marked.error();
      return Finish(item, core::DeliveryStatus::kFailed,
                    "the channel needs reconnection: " + outcome.error_text);
    }
    if (outcome.result == channels::SendResult::kRetryable && i == 0) {
      return Retry(item, outcome.retry_after, outcome.error_text);
    }
    std::string why = outcome.error_code != 0 ? std::to_string(outcome.error_code) + " " : "";
    why += outcome.error_text;
    if (i > 0)
      why = "part " + std::to_string(i + 1) + " of " + std::to_string(parts.size()) +
            " was not sent: " + why;
    return Finish(item, core::DeliveryStatus::kFailed, why);
  }
  base::Status done = outbox_.MarkSent(item.id, first_provider_id, now);
  if (!done.ok()) return done.error();
  return Outcome::kSent;
}

base::Result<OutboxSender::Outcome> OutboxSender::Retry(const core::OutboxItem& item,
                                                        base::Duration retry_after,
                                                        const std::string& why) {
  if (item.attempts + 1 >= settings_.max_attempts) {
    return Finish(item, core::DeliveryStatus::kFailed,
                  "gave up after " + std::to_string(item.attempts + 1) + " attempts: " + why);
  }
  const base::TimePoint at = clock_.Now() + Backoff(item.attempts, retry_after);
  base::Status done = outbox_.RetryOutbox(item.id, at, why);
  if (!done.ok()) return done.error();
  return Outcome::kRetried;
}

base::Result<OutboxSender::Outcome> OutboxSender::Finish(const core::OutboxItem& item,
                                                         core::DeliveryStatus status,
                                                         const std::string& why) {
  base::Status done = outbox_.FinishUnsent(item.id, status, why);
  if (!done.ok()) return done.error();
  return status == core::DeliveryStatus::kDropped ? Outcome::kDropped : Outcome::kFailed;
}

}  // namespace runtime
