#include "channels/content_summary.h"

#include <array>
#include <cstdio>

namespace channels {

std::string Bracketed(std::string_view label, std::string_view detail) {
  std::string out = "[";
  out += label;
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  out += ']';
  return out;
}

std::string Summary(ContentKind kind) {
  switch (kind) {
    case ContentKind::kNone:
    case ContentKind::kText:
      return {};
    case ContentKind::kImage:
      return "[image]";
    case ContentKind::kAudio:
      return "[audio]";
    case ContentKind::kVideo:
      return "[video]";
    case ContentKind::kDocument:
      return "[document]";
    case ContentKind::kSticker:
      return "[sticker]";
    case ContentKind::kLocation:
      return "[location]";
    case ContentKind::kContacts:
      return "[contacts]";
    case ContentKind::kButtonReply:
      return "[button]";
    case ContentKind::kShare:
      return "[shared content]";
    case ContentKind::kUnsupported:
      return "[unsupported message]";
  }
  return "[unsupported message]";
}

std::string LocationSummary(double latitude, double longitude, std::string_view name,
                            std::string_view address) {
  constexpr std::size_t kCoordinatesCapacity = 64;
  std::array<char, kCoordinatesCapacity> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.2f, %.2f", latitude, longitude);
  std::string detail = buffer.data();
  if (!name.empty()) AppendPart(detail, name);
  if (!address.empty()) {
    if (!name.empty()) detail += ',';
    AppendPart(detail, address);
  }
  return Bracketed("location", detail);
}

void AppendPart(std::string& text, std::string_view part) {
  if (part.empty()) return;
  if (!text.empty()) text += ' ';
  text += part;
}

}  // namespace channels
