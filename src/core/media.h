// Media: the files customers send (photos, voice notes, videos, documents, stickers), kept in the
// installation's media store so the person who takes over sees what the customer sent.
//
// A customer message with media gets a pending Media row in the transaction that stores the
// message (the provider's reference: a WhatsApp media id, a Messenger/Instagram attachment URL).
// The download is durable work: runtime::MediaFetcher claims what is due, downloads it outside
// every transaction and either stores the bytes or gives the row a final state saying why not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/enums.h"

namespace core {

enum class MediaState {
  kPending,      // to be downloaded (again, after a retryable failure)
  kStored,       // the bytes are in the media store
  kFailed,       // the provider refused it (4xx) or it kept failing: never retried
  kTooLarge,     // larger than its kind allows
  kRefusedType,  // a type that is never stored (executables, unknown types)
};

std::string_view ToString(MediaState v);
std::optional<MediaState> ParseMediaState(std::string_view s);

struct Media {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  std::int64_t conversation_id = 0;
  std::int64_t message_id = 0;
  Channel channel = Channel::kWhatsapp;
  std::string account_id;  // the channel account that received it (its token downloads it)
  Attachment kind = Attachment::kImage;  // kImage, kAudio, kVideo, kDocument or kSticker
  // The provider's reference: a WhatsApp media id, or a Messenger/Instagram attachment URL.
  // Never shown outside (a URL may carry a signature).
  std::string source;
  std::string mime_type;  // as announced, then as downloaded
  std::int64_t size = 0;  // bytes; 0 until stored
  std::string sha256;     // hex of the bytes; "" until stored
  std::string file_name;  // a document's name as sent; "" for the others
  MediaState state = MediaState::kPending;
  int attempts = 0;   // downloads that failed so far
  std::string error;  // why it is not stored (for people; never a token)
};

// The most bytes a media of `kind` may have (WhatsApp's own limits: images 5 MB, stickers
// 500 KB, audio and video 16 MB, documents 100 MB); 0 for kinds that are not media.
std::int64_t MaxMediaBytes(Attachment kind);
// Whether a person's file of `kind` and `mime_type` (bare), `size` bytes, may be sent on
// `channel`: kInvalidArgument saying why not. Instagram takes documents only as PDF and files of
// at most 8 MB (images) or 25 MB (Meta's upload limits for Instagram messaging; MaxMediaBytes is
// lower still for images, audio and video, so today only a document meets the 25 MB one); the
// other channels take what MaxMediaBytes allows.
base::Status CheckFileForChannel(Channel channel, Attachment kind, std::string_view mime_type,
                                 std::int64_t size);
// The type, without parameters and lower-cased ("audio/ogg; codecs=opus" -> "audio/ogg").
std::string BareMimeType(std::string_view mime_type);
// Whether a media of `kind` with this type is stored: a closed list of the image, audio, video
// and document types the channels carry. Executables, scripts, SVG (it runs script) and
// unknown types are refused.
bool IsAllowedMediaType(Attachment kind, std::string_view mime_type);

// What the intake knows of a customer message's media.
struct NewMedia {
  Attachment kind = Attachment::kImage;
  std::string source;
  std::string mime_type;
  std::string file_name;
};

// The outcome of one download, for FinishMedia.
struct MediaOutcome {
  MediaState state = MediaState::kStored;
  std::string mime_type;
  std::string bytes;  // kStored: the file
  std::string error;  // the others: why, for people
};

// Thread-safety: every method may be called from any thread. Errors as in core::Store.
class MediaStore {
 public:
  virtual ~MediaStore() = default;

  // Records a file of the customer message stored under `provider_message_id` in the workspace,
  // pending and due at `due` (a message may carry several); a second call for the same message
  // and source changes nothing.
  // kNotFound when no such message is stored. REQUIRES: called in the transaction that stored
  // the message, or after it.
  virtual base::Status AddMedia(std::int64_t workspace_id, const std::string& provider_message_id,
                                const NewMedia& media, base::TimePoint due) = 0;

  // Pending media due at `now`, oldest first, at most `limit`, leased until `lease_until` (a
  // worker that dies leaves them to be claimed again then).
  virtual base::Result<std::vector<Media>> ClaimMedia(base::TimePoint now, std::size_t limit,
                                                      base::TimePoint lease_until) = 0;
  // Gives a claimed media its final state; kStored writes the bytes to the media store first.
  virtual base::Status FinishMedia(std::int64_t media_id, const MediaOutcome& outcome) = 0;
  // A retryable failure: pending again, due at `not_before`, one more attempt counted.
  virtual base::Status RetryMedia(std::int64_t media_id, base::TimePoint not_before,
                                  const std::string& error) = 0;

  // A person's file, kept before its message exists: writes the bytes to the media store and
  // returns their sha256 (hex), for AttachFile. Call it outside every store transaction.
  virtual base::Result<std::string> KeepFile(const std::string& bytes) = 0;
  // Records the kept file (`sha256`, `size` bytes) as the stored media of the message
  // `message_id` of the workspace. kNotFound when no such message is stored. REQUIRES: in the
  // transaction that stores the message, so that no one sends it without its file.
  virtual base::Status AttachFile(std::int64_t workspace_id, std::int64_t message_id,
                                  const NewMedia& media, const std::string& sha256,
                                  std::int64_t size) = 0;

  // The media of a conversation's messages, by message id then id. kNotFound for a conversation
  // of another workspace (then nothing is returned).
  virtual base::Result<std::vector<Media>> ListMedia(std::int64_t workspace_id,
                                                     std::int64_t conversation_id) = 0;
  // One media of a conversation and, when stored, its bytes. kNotFound when the workspace has no
  // such media in that conversation.
  virtual base::Result<std::pair<Media, std::string>> ReadMedia(std::int64_t workspace_id,
                                                                std::int64_t conversation_id,
                                                                std::int64_t media_id) = 0;
};

}  // namespace core
