#include "core/media.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace core {
namespace {

constexpr std::int64_t kMegabyte = 1024 * 1024;
constexpr std::int64_t kKilobyte = 1024;

constexpr std::array<std::pair<MediaState, std::string_view>, 5> kStates{{
    {MediaState::kPending, "pending"},
    {MediaState::kStored, "stored"},
    {MediaState::kFailed, "failed"},
    {MediaState::kTooLarge, "too_large"},
    {MediaState::kRefusedType, "refused_type"},
}};

constexpr std::array<std::string_view, 4> kImageTypes{"image/jpeg", "image/png", "image/webp",
                                                      "image/gif"};
constexpr std::array<std::string_view, 7> kAudioTypes{
    "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg", "audio/wav", "audio/webm"};
constexpr std::array<std::string_view, 4> kVideoTypes{"video/mp4", "video/3gpp", "video/quicktime",
                                                      "video/webm"};
constexpr std::array<std::string_view, 11> kDocumentTypes{
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "image/jpeg",
    "image/png"};

template <std::size_t N>
bool Among(const std::array<std::string_view, N>& types, std::string_view type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

}  // namespace

std::string_view ToString(MediaState v) {
  for (const auto& [state, name] : kStates) {
    if (state == v) return name;
  }
  return "failed";
}

std::optional<MediaState> ParseMediaState(std::string_view s) {
  for (const auto& [state, name] : kStates) {
    if (name == s) return state;
  }
  return std::nullopt;
}

std::int64_t MaxMediaBytes(Attachment kind) {
  switch (kind) {
    case Attachment::kImage:
      return 5 * kMegabyte;
    case Attachment::kSticker:
      return 500 * kKilobyte;
    case Attachment::kAudio:
    case Attachment::kVideo:
      return 16 * kMegabyte;
    case Attachment::kDocument:
      return 100 * kMegabyte;
    default:
      return 0;
  }
}

base::Status CheckFileForChannel(Channel channel, Attachment kind, std::string_view mime_type,
                                 std::int64_t size) {
  if (channel != Channel::kInstagram) return base::Status::Ok();
  if (kind == Attachment::kDocument && mime_type != "application/pdf") {
    return base::Error::InvalidArgument("Instagram takes documents only as PDF");
  }
  const std::int64_t max = kind == Attachment::kImage ? 8 * kMegabyte : 25 * kMegabyte;
  if (size > max) {
    return base::Error::InvalidArgument("Instagram takes files of at most " +
                                        std::to_string(max / kMegabyte) + " MB of this kind");
  }
  return base::Status::Ok();
}

std::string BareMimeType(std::string_view mime_type) {
  std::string bare(mime_type.substr(0, mime_type.find(';')));
  while (!bare.empty() && std::isspace(static_cast<unsigned char>(bare.back()))) bare.pop_back();
  const auto first = bare.find_first_not_of(" \t");
  bare.erase(0, first == std::string::npos ? bare.size() : first);
  std::transform(bare.begin(), bare.end(), bare.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return bare;
}

bool IsAllowedMediaType(Attachment kind, std::string_view mime_type) {
  const std::string type = BareMimeType(mime_type);
  switch (kind) {
    case Attachment::kImage:
      return Among(kImageTypes, type);
    case Attachment::kSticker:
      return type == "image/webp" || type == "image/png" || type == "image/gif";
    case Attachment::kAudio:
      return Among(kAudioTypes, type) || type == "video/mp4";  // Messenger's voice clips
    case Attachment::kVideo:
      return Among(kVideoTypes, type);
    case Attachment::kDocument:
      return Among(kDocumentTypes, type);
    default:
      return false;
  }
}

}  // namespace core
