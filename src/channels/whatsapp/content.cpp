#include "channels/whatsapp/content.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "channels/content_summary.h"

namespace channels::whatsapp {
namespace {

using fields::Json;

constexpr std::array<std::pair<std::string_view, ContentKind>, 5> kMediaTypes{{
    {"image", ContentKind::kImage},
    {"audio", ContentKind::kAudio},
    {"video", ContentKind::kVideo},
    {"document", ContentKind::kDocument},
    {"sticker", ContentKind::kSticker},
}};

std::optional<ContentKind> MediaKind(std::string_view type) {
  for (const auto& [name, kind] : kMediaTypes) {
    if (name == type) return kind;
  }
  return std::nullopt;
}

void ReadMedia(const Json& media, ContentKind kind, InboundEvent& event) {
  event.content = kind;
  const std::string name =
      kind == ContentKind::kDocument ? fields::String(media, "filename") : std::string();
  event.media = {{kind, fields::Id(media, "id"), fields::String(media, "mime_type"), name}};
  event.text = fields::String(media, "caption");
  event.has_words = !event.text.empty();
  if (event.has_words) return;
  if (kind == ContentKind::kAudio && fields::True(media, "voice")) {
    event.text = Bracketed("voice message");
  } else if (kind == ContentKind::kDocument) {
    event.text = Bracketed("document", name);
  } else {
    event.text = Summary(kind);
  }
}

void ReadLocation(const Json& location, InboundEvent& event) {
  event.content = ContentKind::kLocation;
  const auto latitude = fields::Number(location, "latitude");
  const auto longitude = fields::Number(location, "longitude");
  if (!latitude || !longitude) {
    event.text = Summary(ContentKind::kLocation);
    return;
  }
  event.text = LocationSummary(*latitude, *longitude, fields::String(location, "name"),
                               fields::String(location, "address"));
}

// "[contacts: Ana Lopes +351 912 345 678; Rui]": names and their first phone number.
void ReadContacts(const Json& message, InboundEvent& event) {
  event.content = ContentKind::kContacts;
  std::string detail;
  for (const Json* contact : fields::Objects(message, "contacts")) {
    std::string one;
    if (const Json* name = fields::Member(*contact, "name")) {
      one = fields::String(*name, "formatted_name");
    }
    if (const Json* phone = fields::FirstObject(*contact, "phones")) {
      AppendPart(one, fields::String(*phone, "phone"));
    }
    if (one.empty()) continue;
    if (!detail.empty()) detail += "; ";
    detail += one;
  }
  event.text = Bracketed("contacts", detail);
}

void ReadInteractive(const Json& interactive, InboundEvent& event) {
  const std::string type = fields::String(interactive, "type");
  const Json* reply = fields::Member(interactive, type);
  if (reply == nullptr || !reply->is_object()) {
    event.content = ContentKind::kUnsupported;
    event.text = Bracketed("unsupported message", "interactive " + type);
    return;
  }
  event.content = ContentKind::kButtonReply;
  if (type == "nfm_reply") {  // a WhatsApp Flow was submitted
    event.payload = fields::String(*reply, "response_json");
    event.text = fields::String(*reply, "body");
    event.has_words = !event.text.empty();
    if (!event.has_words) event.text = Bracketed("form submitted");
    return;
  }
  event.payload = fields::String(*reply, "id");
  event.text = fields::String(*reply, "title");
  event.has_words = !event.text.empty();
  if (!event.has_words) event.text = Summary(ContentKind::kButtonReply);
}

}  // namespace

void ReadContent(const Json& message, InboundEvent& event) {
  const std::string type = fields::String(message, "type");
  const Json* body = fields::Member(message, type);
  const Json empty = Json::object();
  const Json& object = body != nullptr && body->is_object() ? *body : empty;
  if (type == "text") {
    event.content = ContentKind::kText;
    event.text = fields::String(object, "body");
    event.has_words = !event.text.empty();
  } else if (const auto media = MediaKind(type)) {
    ReadMedia(object, *media, event);
  } else if (type == "location") {
    ReadLocation(object, event);
  } else if (type == "contacts") {
    ReadContacts(message, event);
  } else if (type == "interactive") {
    ReadInteractive(object, event);
  } else if (type == "button") {  // a quick-reply button of a template
    event.content = ContentKind::kButtonReply;
    event.payload = fields::String(object, "payload");
    event.text = fields::String(object, "text");
    event.has_words = !event.text.empty();
  } else if (type == "unsupported") {
    event.content = ContentKind::kUnsupported;
    event.text = Summary(ContentKind::kUnsupported);
  } else {
    event.content = ContentKind::kUnsupported;
    event.text = Bracketed("unsupported message", type);
  }
}

}  // namespace channels::whatsapp
