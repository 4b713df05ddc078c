#include "channels/text_split.h"

#include <algorithm>

#include "channels/capabilities.h"

namespace channels {
namespace {

constexpr std::string_view kWhitespace = " \t\r\n";
constexpr unsigned char kContinuationMask = 0xC0;
constexpr unsigned char kContinuation = 0x80;
constexpr unsigned char kTwoByteLead = 0xC0;
constexpr unsigned char kThreeByteLead = 0xE0;
constexpr unsigned char kFourByteLead = 0xF0;
constexpr unsigned char kInvalidLead = 0xF8;
constexpr std::size_t kFourBytes = 4;

// The byte length of the UTF-8 sequence starting at text[i] (1 for an invalid byte).
std::size_t SequenceLength(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 1;
  if (lead >= kFourByteLead && lead < kInvalidLead) {
    length = 4;
  } else if (lead >= kThreeByteLead && lead < kFourByteLead) {
    length = 3;
  } else if (lead >= kTwoByteLead && lead < kThreeByteLead) {
    length = 2;
  }
  if (i + length > text.size()) return 1;
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & kContinuationMask) != kContinuation) return 1;
  }
  return length;
}

std::size_t Units(std::size_t sequence_length) { return sequence_length == kFourBytes ? 2 : 1; }

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

// The byte length of the longest prefix of `text` within `max_length` units (at least one code
// point, so that the split always advances).
std::size_t PrefixBytes(std::string_view text, std::size_t max_length) {
  std::size_t bytes = 0;
  std::size_t units = 0;
  while (bytes < text.size()) {
    const std::size_t length = SequenceLength(text, bytes);
    if (units + Units(length) > max_length && bytes > 0) break;
    units += Units(length);
    bytes += length;
  }
  return bytes;
}

// Where to cut `window` (the longest prefix that fits, followed by more text).
std::size_t CutPosition(std::string_view window) {
  const std::size_t half = window.size() / 2;
  for (const std::string_view separator : {std::string_view("\n\n"), std::string_view("\n")}) {
    const auto at = window.rfind(separator);
    if (at != std::string_view::npos && at >= half && at > 0) return at;
  }
  const auto space = window.find_last_of(" \t");
  if (space != std::string_view::npos && space > 0) return space;
  return window.size();
}

}  // namespace

std::size_t Utf16Length(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = SequenceLength(text, i);
    units += Units(length);
    i += length;
  }
  return units;
}

std::vector<std::string> SplitText(std::string_view text, std::size_t max_length) {
  max_length = std::max<std::size_t>(max_length, 1);
  std::vector<std::string> parts;
  std::string_view rest = Trim(text);
  while (!rest.empty()) {
    const std::size_t prefix = PrefixBytes(rest, max_length);
    if (prefix == rest.size()) {
      parts.emplace_back(rest);
      break;
    }
    // A cut right before whitespace keeps the whole prefix.
    const bool at_space = kWhitespace.find(rest[prefix]) != std::string_view::npos;
    const std::size_t cut = at_space ? prefix : CutPosition(rest.substr(0, prefix));
    const std::string_view part = Trim(rest.substr(0, cut));
    if (!part.empty()) parts.emplace_back(part);
    rest = Trim(rest.substr(cut));
  }
  return parts;
}

std::vector<std::string> SplitForChannel(core::Channel channel, std::string_view text) {
  return SplitText(text, CapabilitiesOf(channel).max_text_length);
}

}  // namespace channels
