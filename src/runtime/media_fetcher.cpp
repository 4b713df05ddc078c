#include "runtime/media_fetcher.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "base/backoff.h"
#include "channels/media.h"

namespace runtime {
namespace {

constexpr int kTooManyRequests = 429;
constexpr int kRequestTimeout = 408;
constexpr int kServerError = 500;

bool Retryable(int status) {
  return status >= kServerError || status == kTooManyRequests || status == kRequestTimeout;
}

bool Success(int status) { return status >= 200 && status < 300; }

}  // namespace

// What one download came to: a final outcome, or a retryable failure (`retry`).
struct MediaFetcher::Attempt {
  core::MediaOutcome outcome;
  bool retry = false;

  static Attempt Final(core::MediaState state, std::string error) {
    return {{state, {}, {}, std::move(error)}, false};
  }
  static Attempt Again(std::string error) {
    return {{core::MediaState::kPending, {}, {}, std::move(error)}, true};
  }
};

MediaFetcher::MediaFetcher(core::MediaStore& media, core::ChannelAccounts& accounts,
                           MediaTransport transport, const base::Clock& clock,
                           MediaSettings settings)
    : media_(media),
      accounts_(accounts),
      transport_(std::move(transport)),
      clock_(clock),
      settings_(std::move(settings)) {}

void MediaFetcher::SetObserver(std::function<void(const core::Media&)> observer) {
  observer_ = std::move(observer);
}

base::Result<MediaRun> MediaFetcher::RunOnce() {
  const base::TimePoint now = clock_.Now();
  auto claimed = media_.ClaimMedia(now, settings_.batch, now + settings_.lease);
  if (!claimed.ok()) return claimed.error();
  MediaRun run;
  for (const core::Media& media : *claimed) {
    if (base::Status settled = Settle(media, Download(media), run); !settled.ok()) {
      return settled.error();
    }
  }
  return run;
}

MediaFetcher::Attempt MediaFetcher::Download(const core::Media& media) {
  using core::MediaState;
  auto account = accounts_.FindChannelAccount(media.channel, media.account_id);
  if (!account.ok()) {
    if (account.error().code == base::ErrorCode::kNotFound) {
      return Attempt::Final(MediaState::kFailed, "the channel account was removed");
    }
    return Attempt::Again("the store is unavailable");
  }
  if (account->status != core::ChannelStatus::kConnected) {
    return Attempt::Final(MediaState::kFailed, "the channel needs reconnecting");
  }
  const std::int64_t max_bytes = core::MaxMediaBytes(media.kind);
  std::string mime_type = media.mime_type;
  if (!mime_type.empty() && !core::IsAllowedMediaType(media.kind, mime_type)) {
    return Attempt::Final(MediaState::kRefusedType, "files of this type are not kept");
  }
  // The request of one step: nullopt with `attempt` set when it did not succeed.
  const auto send = [&](const base::Result<channels::OutboundRequest>& request,
                        Attempt& attempt) -> std::optional<MediaReply> {
    if (!request.ok()) {
      attempt = Attempt::Final(MediaState::kFailed, request.error().message);
      return std::nullopt;
    }
    auto reply = transport_(*request);
    if (!reply.ok()) {
      attempt = Attempt::Again("no answer from the provider");
      return std::nullopt;
    }
    if (reply->too_large) {
      attempt = Attempt::Final(MediaState::kTooLarge, "the file is too large");
      return std::nullopt;
    }
    if (!Success(reply->status)) {
      const std::string error = "the provider answered HTTP " + std::to_string(reply->status);
      attempt = Retryable(reply->status) ? Attempt::Again(error)
                                         : Attempt::Final(MediaState::kFailed, error);
      return std::nullopt;
    }
    return std::move(*reply);
  };
  Attempt attempt;
  std::string url = media.source;
  if (media.channel == core::Channel::kWhatsapp) {
    auto info_reply = send(
        channels::BuildMediaInfoRequest(settings_.api_version, account->access_token, media.source),
        attempt);
    if (!info_reply) return attempt;
    auto info = channels::ParseMediaInfo(info_reply->body);
    if (!info.ok()) return Attempt::Final(MediaState::kFailed, info.error().message);
    if (info->file_size && *info->file_size > max_bytes) {
      return Attempt::Final(MediaState::kTooLarge, "the file is too large");
    }
    if (mime_type.empty()) mime_type = info->mime_type;
    url = info->url;
  }
  auto bytes =
      send(channels::BuildMediaDownload(media.channel, url, account->access_token), attempt);
  if (!bytes) return attempt;
  if (static_cast<std::int64_t>(bytes->body.size()) > max_bytes) {
    return Attempt::Final(MediaState::kTooLarge, "the file is too large");
  }
  if (mime_type.empty()) mime_type = core::BareMimeType(bytes->content_type);
  if (!core::IsAllowedMediaType(media.kind, mime_type)) {
    return Attempt::Final(MediaState::kRefusedType, "files of this type are not kept");
  }
  return {{MediaState::kStored, core::BareMimeType(mime_type), std::move(bytes->body), {}}, false};
}

base::Status MediaFetcher::Settle(const core::Media& media, const Attempt& attempt, MediaRun& run) {
  if (attempt.retry && media.attempts + 1 < settings_.max_attempts) {
    const base::Duration backoff =
        base::ExponentialBackoff(settings_.first_backoff, settings_.max_backoff, media.attempts);
    ++run.retried;
    return media_.RetryMedia(media.id, clock_.Now() + backoff, attempt.outcome.error);
  }
  const core::MediaOutcome outcome =
      attempt.retry
          ? core::MediaOutcome{core::MediaState::kFailed, {}, {}, "the download kept failing"}
          : attempt.outcome;
  ++(outcome.state == core::MediaState::kStored ? run.stored : run.refused);
  if (base::Status finished = media_.FinishMedia(media.id, outcome); !finished.ok()) {
    return finished;
  }
  if (observer_) {
    core::Media settled = media;
    settled.state = outcome.state;
    settled.error = outcome.error;
    if (!outcome.mime_type.empty()) settled.mime_type = outcome.mime_type;
    settled.size = static_cast<std::int64_t>(outcome.bytes.size());
    observer_(settled);
  }
  return base::Status::Ok();
}

}  // namespace runtime
