#include "runtime/outbox_sender.h"

#include <algorithm>
#include <vector>

#include "base/backoff.h"
#include "channels/capabilities.h"
#include "channels/file_send.h"
#include "channels/send_outcome.h"
#include "channels/text_split.h"

namespace runtime {
namespace {

std::uint64_t Seed(std::uint64_t configured) {
  if (configured != 0) return configured;
  std::random_device entropy;
  return (std::uint64_t{entropy()} << 32) | entropy();
}

}  // namespace

OutboxSender::OutboxSender(core::Outbox& outbox, core::ChannelAccounts& accounts,
                           core::MediaStore& media, Transport transport, const base::Clock& clock,
                           OutboxSettings settings)
    : outbox_(outbox),
      accounts_(accounts),
      media_(media),
      transport_(std::move(transport)),
      clock_(clock),
      settings_(std::move(settings)),
      runner_(std::max(settings_.parallel, 1)),
      random_(Seed(settings_.jitter_seed)) {}

// An item that may go out, its requests, and the token they carry (redacted from the
// provider's answers).
struct OutboxSender::Send {
  const core::OutboxItem* item = nullptr;
  std::vector<channels::OutboundRequest> requests;
  std::string access_token;
  channels::SendTarget target;
  std::optional<channels::OutgoingFile> file;  // its bytes in `file_bytes`; sent first
  std::string file_bytes;
  // The requests in all: the file's send counts as one.
  std::size_t parts() const { return requests.size() + (file ? 1 : 0); }
};

// How the provider answered: every part went out (`part` == the number of parts), or the
// outcome of the part that did not.
struct OutboxSender::Answer {
  std::size_t part = 0;
  std::string first_provider_id;
  channels::SendOutcome outcome;
};

base::Result<OutboxRun> OutboxSender::RunOnce() {
  const base::TimePoint now = clock_.Now();
  auto items = outbox_.ClaimOutbox(now, settings_.batch, now + settings_.lease);
  if (!items.ok()) return items.error();
  OutboxRun run;
  std::vector<Send> sends;
  AccountLookup accounts(accounts_);
  for (const core::OutboxItem& item : *items) {
    auto prepared = Prepare(item, now, accounts, run);
    if (!prepared.ok()) return prepared.error();  // the store failed: the lease brings it back
    if (*prepared) sends.push_back(std::move(**prepared));
  }
  if (sends.empty()) return run;

  // From here on a crash cannot know whether the provider got them: never sent twice.
  std::vector<std::int64_t> ids;
  for (const Send& send : sends) ids.push_back(send.item->id);
  if (base::Status marked = outbox_.MarkSending(ids); !marked.ok()) return marked.error();
  const base::TimePoint sent_at = clock_.Now();
  std::vector<Answer> answers(sends.size());
  runner_.ForEach(sends.size(), [&](std::size_t i) { answers[i] = Transmit(sends[i]); });

  std::vector<core::SentItem> sent;
  std::vector<core::DeliveryChange> sent_changes;
  for (std::size_t i = 0; i < sends.size(); ++i) {
    const core::OutboxItem& item = *sends[i].item;
    if (answers[i].part == sends[i].parts()) {
      sent.push_back({item.id, answers[i].first_provider_id, sent_at});
      sent_changes.push_back({item.workspace_id, item.conversation_id, item.message_id,
                              core::DeliveryStatus::kSent, ""});
      run.delays.push_back(clock_.Now() - item.queued_at);
      continue;
    }
    if (base::Status settled = Settle(sends[i], answers[i], run); !settled.ok()) {
      return settled.error();
    }
  }
  if (!sent.empty()) {
    if (base::Status done = outbox_.MarkSent(sent); !done.ok()) return done.error();
    run.sent += static_cast<int>(sent.size());
    run.changes.insert(run.changes.end(), sent_changes.begin(), sent_changes.end());
  }
  return run;
}

base::Duration OutboxSender::Backoff(int attempts, base::Duration retry_after) {
  const base::Duration capped =
      base::ExponentialBackoff(settings_.first_backoff, settings_.max_backoff, attempts);
  std::int64_t jittered;
  {
    std::lock_guard lock(random_mutex_);
    std::uniform_int_distribution<std::int64_t> half_to_whole(capped.count() / 2, capped.count());
    jittered = half_to_whole(random_);
  }
  return std::max(base::Duration{jittered}, retry_after);
}

base::Result<std::optional<OutboxSender::Send>> OutboxSender::Prepare(const core::OutboxItem& item,
                                                                      base::TimePoint now,
                                                                      AccountLookup& accounts,
                                                                      OutboxRun& run) {
  using Prepared = std::optional<Send>;
  const auto refuse = [&](core::DeliveryStatus status,
                          const std::string& why) -> base::Result<Prepared> {
    if (base::Status done = Finish(item, status, why, run); !done.ok()) return done.error();
    return Prepared{};
  };
  // The control epoch alone decides: the AI's handoff message is decided under the epoch of the
  // handoff itself (Manual mode) and must go out; anything older than a human signal must not.
  if (item.author == core::Author::kAi && item.epoch != item.conversation_epoch) {
    return refuse(core::DeliveryStatus::kDropped, "a person took over before it was sent");
  }
  auto account = accounts.Find(item.channel, item.account_id);
  if (!account.ok()) {
    if (account.error().code != base::ErrorCode::kNotFound) return account.error();
    return refuse(core::DeliveryStatus::kFailed, "the channel account was removed");
  }
  if (account->status == core::ChannelStatus::kReconnectionNeeded) {
    return refuse(core::DeliveryStatus::kFailed, "the channel needs reconnection");
  }
  const channels::SendDecision may =
      channels::DecideSend(item.channel, item.author, item.last_customer_at, now);
  if (may.permission == channels::SendPermission::kRefuseWindowClosed) {
    return refuse(core::DeliveryStatus::kFailed, "the messaging window is closed");
  }
  const channels::SendTarget target{item.channel, settings_.api_version, item.account_id,
                                    account->access_token, item.recipient};
  Send send{&item, {}, account->access_token, target, std::nullopt, {}};
  const bool human_agent_tag = may.permission == channels::SendPermission::kSendWithHumanAgentTag;
  // A person's file goes first.
  if (item.author == core::Author::kHumanCrm) {
    auto media = media_.ListMedia(item.workspace_id, item.conversation_id);
    if (!media.ok()) return media.error();
    for (const core::Media& m : *media) {
      if (m.message_id != item.message_id || m.state != core::MediaState::kStored) continue;
      auto read = media_.ReadMedia(item.workspace_id, item.conversation_id, m.id);
      if (!read.ok()) return read.error();
      send.file_bytes = std::move(read->second);
      send.file = channels::OutgoingFile{m.kind, m.mime_type, m.file_name, {}, human_agent_tag};
      channels::OutgoingFile check = *send.file;
      check.bytes = send.file_bytes;
      auto valid = channels::UploadsBeforeSending(item.channel)
                       ? channels::BuildMediaUpload(target, check)
                       : channels::BuildFileSend(target, check);
      if (!valid.ok()) return refuse(core::DeliveryStatus::kFailed, valid.error().message);
      break;
    }
  }
  // A text longer than the channel takes goes out in parts; a file may come without one.
  const bool blank = item.text.find_first_not_of(" \t\r\n") == std::string::npos;
  std::vector<channels::OutboundRequest>& requests = send.requests;
  for (std::string& part : blank&& send.file ? std::vector<std::string>{}
                                             : channels::SplitForChannel(item.channel, item.text)) {
    channels::OutgoingText text;
    text.text = std::move(part);
    text.human_agent_tag = human_agent_tag;
    auto request = channels::BuildSend(target, text);
    if (!request.ok()) return refuse(core::DeliveryStatus::kFailed, request.error().message);
    requests.push_back(std::move(*request));
  }
  return Prepared{std::move(send)};
}

namespace {

// No answer (connection refused, timeout): retryable.
channels::SendOutcome NoAnswer(const base::Error& error) {
  return {channels::SendResult::kRetryable,
          channels::FailureReason::kTemporary,
          "",
          0,
          0,
          error.message};
}

channels::SendOutcome Refused(const base::Error& error) {
  return {channels::SendResult::kPermanent,
          channels::FailureReason::kInvalidRequest,
          "",
          0,
          0,
          error.message};
}

}  // namespace

channels::SendOutcome OutboxSender::TransmitFile(const Send& send) {
  channels::OutgoingFile file = *send.file;
  file.bytes = send.file_bytes;
  const core::Channel channel = send.item->channel;
  std::string uploaded;
  if (channels::UploadsBeforeSending(channel)) {
    auto upload = channels::BuildMediaUpload(send.target, file);
    if (!upload.ok()) return Refused(upload.error());
    auto reply = transport_(*upload);
    if (!reply.ok()) return NoAnswer(reply.error());
    if (reply->status / 100 != 2) {
      return channels::ClassifyResponse(channel, reply->status, reply->body, send.access_token);
    }
    auto id = channels::ParseUploadedMediaId(channel, reply->body);
    if (!id.ok()) return Refused(id.error());
    uploaded = std::move(*id);
  }
  auto request = channels::BuildFileSend(send.target, file, uploaded);
  if (!request.ok()) return Refused(request.error());
  auto reply = transport_(*request);
  if (!reply.ok()) return NoAnswer(reply.error());
  return channels::ClassifyResponse(channel, reply->status, reply->body, send.access_token);
}

OutboxSender::Answer OutboxSender::Transmit(const Send& send) {
  Answer answer;
  if (send.file) {
    answer.outcome = TransmitFile(send);
    if (answer.outcome.result != channels::SendResult::kSent) return answer;
    answer.first_provider_id = answer.outcome.provider_message_id;
    answer.part = 1;
  }
  for (const channels::OutboundRequest& request : send.requests) {
    auto reply = transport_(request);
    answer.outcome = reply.ok() ? channels::ClassifyResponse(send.item->channel, reply->status,
                                                             reply->body, send.access_token)
                                : NoAnswer(reply.error());
    if (answer.outcome.result != channels::SendResult::kSent) break;
    if (answer.part == 0) answer.first_provider_id = answer.outcome.provider_message_id;
    ++answer.part;
  }
  return answer;
}

base::Status OutboxSender::Settle(const Send& send, const Answer& answer, OutboxRun& run) {
  const core::OutboxItem& item = *send.item;
  const channels::SendOutcome& outcome = answer.outcome;
  if (outcome.result == channels::SendResult::kTokenInvalid) {
    base::Status marked = accounts_.SetChannelStatus(item.channel, item.account_id,
                                                     core::ChannelStatus::kReconnectionNeeded);
    if (!marked.ok()) return marked;
    return Finish(item, core::DeliveryStatus::kFailed,
                  "the channel needs reconnection: " + outcome.error_text, run);
  }
  // Only the first part is ever retried: once a part went out, a retry would send it twice.
  if (outcome.result == channels::SendResult::kRetryable && answer.part == 0) {
    return Retry(item, outcome.retry_after, outcome.error_text, run);
  }
  std::string why = outcome.error_code != 0 ? std::to_string(outcome.error_code) + " " : "";
  why += outcome.error_text;
  if (answer.part > 0) {
    why = "part " + std::to_string(answer.part + 1) + " of " + std::to_string(send.parts()) +
          " was not sent: " + why;
  }
  return Finish(item, core::DeliveryStatus::kFailed, why, run);
}

base::Status OutboxSender::Retry(const core::OutboxItem& item, base::Duration retry_after,
                                 const std::string& why, OutboxRun& run) {
  if (item.attempts + 1 >= settings_.max_attempts) {
    return Finish(item, core::DeliveryStatus::kFailed,
                  "gave up after " + std::to_string(item.attempts + 1) + " attempts: " + why, run);
  }
  const base::TimePoint at = clock_.Now() + Backoff(item.attempts, retry_after);
  if (base::Status done = outbox_.RetryOutbox(item.id, at, why); !done.ok()) return done;
  ++run.retried;
  return base::Status::Ok();
}

base::Status OutboxSender::Finish(const core::OutboxItem& item, core::DeliveryStatus status,
                                  const std::string& why, OutboxRun& run) {
  if (base::Status done = outbox_.FinishUnsent(item.id, status, why); !done.ok()) return done;
  ++(status == core::DeliveryStatus::kDropped ? run.dropped : run.failed);
  run.changes.push_back({item.workspace_id, item.conversation_id, item.message_id, status, why});
  return base::Status::Ok();
}

}  // namespace runtime
