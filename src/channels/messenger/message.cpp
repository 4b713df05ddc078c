#include "channels/messenger/message.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "channels/content_summary.h"

namespace channels::messenger {
namespace {

using fields::Json;

struct AttachmentType {
  std::string_view wire;
  ContentKind kind;
  std::string_view label;  // the summary's label: "[<label>]"
};

constexpr std::array<AttachmentType, 11> kAttachmentTypes{{
    {"image", ContentKind::kImage, "image"},
    {"video", ContentKind::kVideo, "video"},
    {"audio", ContentKind::kAudio, "audio"},
    {"file", ContentKind::kDocument, "document"},
    {"sticker", ContentKind::kSticker, "sticker"},
    {"story_mention", ContentKind::kShare, "story mention"},
    {"share", ContentKind::kShare, "shared post"},
    {"ig_post", ContentKind::kShare, "shared post"},
    {"ig_reel", ContentKind::kShare, "shared reel"},
    {"reel", ContentKind::kShare, "shared reel"},
    {"template", ContentKind::kShare, "template"},
}};

struct ReadAttachment {
  ContentKind kind = ContentKind::kUnsupported;
  std::string summary;
};

ReadAttachment Read(const Json& attachment) {
  const std::string type = fields::String(attachment, "type");
  const Json empty = Json::object();
  const Json* payload_member = fields::Member(attachment, "payload");
  const Json& payload = payload_member != nullptr ? *payload_member : empty;
  // Until the sticker transition ends, a sticker also arrives as an image with a sticker_id.
  if (type == "sticker" || (type == "image" && fields::Member(payload, "sticker_id") != nullptr)) {
    return {ContentKind::kSticker, Bracketed("sticker")};
  }
  if (type == "location") {
    const Json* coordinates = fields::Member(payload, "coordinates");
    const auto lat = coordinates ? fields::Number(*coordinates, "lat") : std::nullopt;
    const auto lon = coordinates ? fields::Number(*coordinates, "long") : std::nullopt;
    if (!lat || !lon) return {ContentKind::kLocation, Bracketed("location")};
    return {ContentKind::kLocation,
            LocationSummary(*lat, *lon, fields::String(attachment, "title"), {})};
  }
  if (type == "fallback") {  // a shared link
    std::string title = fields::String(payload, "title");
    if (title.empty()) title = fields::String(attachment, "title");
    if (title.empty()) title = fields::String(payload, "url");
    return {ContentKind::kShare, Bracketed("link", title)};
  }
  for (const AttachmentType& known : kAttachmentTypes) {
    if (known.wire == type) return {known.kind, Bracketed(known.label)};
  }
  return {ContentKind::kUnsupported, Bracketed("unsupported attachment", type)};
}

}  // namespace

void ReadMessageContent(const Json& message, InboundEvent& event) {
  std::string text;
  ContentKind content = ContentKind::kNone;
  if (const Json* reply_to = fields::Member(message, "reply_to")) {
    event.reply_to_message_id = fields::String(*reply_to, "mid");
    if (fields::Member(*reply_to, "story") != nullptr) text = Bracketed("story reply");
  }
  const std::string body = fields::String(message, "text");
  if (!body.empty()) {
    AppendPart(text, body);
    content = ContentKind::kText;
    event.has_words = true;
  }
  if (const Json* quick_reply = fields::Member(message, "quick_reply")) {
    event.payload = fields::String(*quick_reply, "payload");
    if (!event.payload.empty()) content = ContentKind::kButtonReply;
  }
  bool first_attachment = true;
  bool sticker_seen = false;
  for (const Json* attachment : fields::Objects(message, "attachments")) {
    ReadAttachment read = Read(*attachment);
    if (read.kind == ContentKind::kSticker && sticker_seen) continue;
    sticker_seen = sticker_seen || read.kind == ContentKind::kSticker;
    if (const Json* payload = fields::Member(*attachment, "payload")) {
      if (std::string url = fields::String(*payload, "url"); !url.empty()) {
        event.media.push_back({read.kind, std::move(url), "", ""});
      }
    }
    if (first_attachment) {
      if (content != ContentKind::kButtonReply) content = read.kind;
      first_attachment = false;
    }
    AppendPart(text, read.summary);
  }
  if (fields::True(message, "is_unsupported") || content == ContentKind::kNone) {
    content = ContentKind::kUnsupported;
    if (text.empty()) text = Summary(ContentKind::kUnsupported);
  }
  event.content = content;
  event.text = std::move(text);
}

}  // namespace channels::messenger
