#include "channels/callback.h"

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "channels/instagram/parser.h"
#include "channels/json_fields.h"
#include "channels/messenger/parser.h"
#include "channels/whatsapp/parser.h"

namespace channels {
namespace {

using fields::Json;

constexpr std::array<std::pair<core::Channel, std::string_view>, 3> kObjects{{
    {core::Channel::kWhatsapp, "whatsapp_business_account"},
    {core::Channel::kMessenger, "page"},
    {core::Channel::kInstagram, "instagram"},
}};

std::optional<std::string_view> ObjectOf(core::Channel channel) {
  for (const auto& [c, name] : kObjects) {
    if (c == channel) return name;
  }
  return std::nullopt;
}

std::optional<core::Channel> ChannelOf(std::string_view object) {
  for (const auto& [c, name] : kObjects) {
    if (name == object) return c;
  }
  return std::nullopt;
}

// The payload's root object, or kInvalidArgument. Never throws.
base::Result<Json> ParseRoot(std::string_view raw_body) {
  Json root = Json::parse(raw_body, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return base::Error::InvalidArgument("callback body is not valid JSON");
  if (!root.is_object()) return base::Error::InvalidArgument("callback body is not a JSON object");
  return root;
}

std::vector<InboundEvent> ParseEntries(core::Channel channel, const Json& root) {
  switch (channel) {
    case core::Channel::kWhatsapp:
      return whatsapp::ParseEntries(root);
    case core::Channel::kMessenger:
      return messenger::ParseEntries(root);
    case core::Channel::kInstagram:
      return instagram::ParseEntries(root);
    case core::Channel::kWeb:
      break;
  }
  return {};
}

}  // namespace

base::Result<std::vector<InboundEvent>> ParseCallback(core::Channel channel,
                                                      std::string_view raw_body) {
  const auto expected = ObjectOf(channel);
  if (!expected) {
    return base::Error::InvalidArgument(std::string(core::ToString(channel)) +
                                        " has no Meta callbacks");
  }
  try {
    auto root = ParseRoot(raw_body);
    if (!root.ok()) return root.error();
    const std::string object = fields::String(*root, "object");
    if (object != *expected) {
      // Name the object only when it is one we know: never echo arbitrary input.
      const std::string got = ChannelOf(object) ? "\"" + object + "\"" : "an unknown object";
      return base::Error::InvalidArgument("callback for " + std::string(core::ToString(channel)) +
                                          " expects object \"" + std::string(*expected) +
                                          "\", got " + got);
    }
    const Json* entries = fields::Member(*root, "entry");
    if (entries == nullptr || !entries->is_array()) {
      return base::Error::InvalidArgument("callback body has no entry array");
    }
    return ParseEntries(channel, *root);
  } catch (const Json::exception&) {
    // The readers never throw on input; this is a last line of defence.
    return base::Error::InvalidArgument("callback body could not be read");
  }
}

base::Result<core::Channel> DetectChannel(std::string_view raw_body) {
  try {
    auto root = ParseRoot(raw_body);
    if (!root.ok()) return root.error();
    if (const auto channel = ChannelOf(fields::String(*root, "object"))) return *channel;
    return base::Error::InvalidArgument("callback body names an unknown object");
  } catch (const Json::exception&) {
    return base::Error::InvalidArgument("callback body could not be read");
  }
}

}  // namespace channels
