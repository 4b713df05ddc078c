// Downloads the media customers send into the media store (core::MediaStore), outside every
// store transaction and never on a request thread.
//
// Each pass claims the pending media due now (leased: a fetcher that dies leaves them to be
// claimed again when the lease ends) and, one at a time:
//   - WhatsApp: asks the Graph API for the media's URL (channels::BuildMediaInfoRequest), then
//     downloads it with the account's token; Messenger/Instagram: downloads the attachment URL;
//   - refuses, before or after the download, a type that is not stored (core::IsAllowedMediaType:
//     state refused_type) and a file larger than its kind allows (core::MaxMediaBytes: too_large;
//     WhatsApp says the size before the download);
//   - on no answer, a timeout, a 5xx, 408 or 429 tries again after an exponential backoff, up to
//     `max_attempts` downloads, then fails; any other 4xx, a disconnected or deleted account,
//     fails at once (state failed, with why).
// Thread-safety: RunOnce must not run on two threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "channels/sender.h"
#include "core/channel_account.h"
#include "core/media.h"

namespace runtime {

// What came back from one media request. A Result error means no answer (connection refused,
// timeout): retryable.
struct MediaReply {
  int status = 0;
  std::string content_type;  // the response's Content-Type, "" when absent
  std::string body;
  bool too_large = false;  // the body was cut off at the transport's limit: status and body unset
};
// Sends a request; its path is relative to the Graph API's base URL, or an absolute URL.
using MediaTransport = std::function<base::Result<MediaReply>(const channels::OutboundRequest&)>;

struct MediaSettings {
  std::string api_version = "v25.0";
  std::size_t batch = 16;                                  // media claimed at once
  base::Duration lease = std::chrono::minutes{5};          // > two transport deadlines
  int max_attempts = 6;                                    // then the media fails
  base::Duration first_backoff = std::chrono::seconds{2};  // doubled per failed attempt
  base::Duration max_backoff = std::chrono::minutes{10};
};

struct MediaRun {
  int stored = 0;
  int refused = 0;  // failed, too large or a refused type
  int retried = 0;
};

class MediaFetcher {
 public:
  // Borrowed references must outlive the fetcher.
  MediaFetcher(core::MediaStore& media, core::ChannelAccounts& accounts, MediaTransport transport,
               const base::Clock& clock, MediaSettings settings = {});

  // Called, on the fetcher's thread, with each media once it has its final state (stored or
  // why not). Set before the first RunOnce.
  void SetObserver(std::function<void(const core::Media&)> observer);

  // Claims the media due now and downloads them. Returns what happened, or the store's error.
  base::Result<MediaRun> RunOnce();

 private:
  struct Attempt;
  Attempt Download(const core::Media& media);
  base::Status Settle(const core::Media& media, const Attempt& attempt, MediaRun& run);

  core::MediaStore& media_;
  core::ChannelAccounts& accounts_;
  const MediaTransport transport_;
  const base::Clock& clock_;
  const MediaSettings settings_;
  std::function<void(const core::Media&)> observer_;
};

}  // namespace runtime
