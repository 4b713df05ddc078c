#include "api/crm_input.h"

#include <algorithm>
#include <charconv>

#include "base/strings.h"

namespace api {
namespace {

// A JSON string is valid UTF-8 (the parser checks): its characters are its non-continuation bytes.
std::size_t Characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7F;
  });
}

std::optional<std::int64_t> ParseWhole(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The string field `name`, trimmed; kInvalidArgument when absent, not a string, or empty.
base::Result<std::string> TrimmedField(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || !it->is_string()) {
    return base::Error::InvalidArgument(std::string(name) + " must be a string");
  }
  std::string text(base::Trim(it->get_ref<const std::string&>()));
  if (text.empty()) return base::Error::InvalidArgument(std::string(name) + " must not be empty");
  return text;
}

base::Error TooLong(std::string_view what, std::size_t max, std::string_view unit) {
  return base::Error::InvalidArgument(std::string(what) + " must be at most " +
                                      std::to_string(max) + " " + std::string(unit));
}

// A label or a name: one line of 1 to `max_chars` characters.
base::Status CheckLine(std::string_view what, std::string_view text, std::size_t max_chars) {
  if (text.empty()) return base::Error::InvalidArgument(std::string(what) + " must not be empty");
  if (Characters(text) > max_chars) return TooLong(what, max_chars, "characters");
  if (HasControl(text)) {
    return base::Error::InvalidArgument(std::string(what) + " must not hold control characters");
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::size_t> LimitParam(const http::Request& request, std::size_t fallback,
                                     std::size_t max) {
  const auto text = request.Query("limit");
  if (!text) return fallback;
  const auto value = ParseWhole(*text);
  if (!value || *value < 1 || static_cast<std::size_t>(*value) > max) {
    return base::Error::InvalidArgument("limit must be a whole number from 1 to " +
                                        std::to_string(max));
  }
  return static_cast<std::size_t>(*value);
}

base::Result<std::optional<std::int64_t>> IdQuery(const http::Request& request,
                                                  std::string_view name) {
  const auto text = request.Query(name);
  if (!text) return std::optional<std::int64_t>();
  const auto value = ParseWhole(*text);
  if (!value || *value < 1) {
    return base::Error::InvalidArgument(std::string(name) + " must be an id");
  }
  return std::optional<std::int64_t>(*value);
}

base::Result<core::Folder> FolderParam(const http::Request& request, core::Folder fallback) {
  const auto text = request.Query("folder");
  if (!text) return fallback;
  if (auto folder = core::ParseFolder(*text)) return *folder;
  return base::Error::InvalidArgument("folder must be open, solved, spam or archived");
}

base::Result<core::ConversationFilter> FilterParams(const http::Request& request) {
  core::ConversationFilter filter;
  if (const auto channel = request.Query("channel"); channel && *channel != "all") {
    filter.channel = core::ParseChannel(*channel);
    if (!filter.channel) {
      return base::Error::InvalidArgument(
          "channel must be all, whatsapp, instagram, messenger or web");
    }
  }
  auto folder = FolderParam(request, core::Folder::kOpen);
  if (!folder.ok()) return folder.error();
  filter.folder = *folder;
  if (const auto unread = request.Query("unread")) {
    if (*unread != "true" && *unread != "false") {
      return base::Error::InvalidArgument("unread must be true or false");
    }
    filter.unread_only = *unread == "true";
  }
  if (const auto label = request.Query("label")) {
    const std::string trimmed(base::Trim(*label));
    if (trimmed.empty()) return base::Error::InvalidArgument("label must not be empty");
    filter.label = trimmed;
  }
  if (const auto q = request.Query("q")) {
    if (q->size() > kMaxSearchBytes) return TooLong("q", kMaxSearchBytes, "bytes");
    filter.search = std::string(base::Trim(*q));
  }
  return filter;
}

std::string EncodeCursor(const core::ConversationCursor& cursor) {
  return std::to_string(base::ToMillis(cursor.last_activity)) + "." + std::to_string(cursor.id);
}

base::Result<std::optional<core::ConversationCursor>> CursorParam(const http::Request& request) {
  const auto text = request.Query("cursor");
  if (!text) return std::optional<core::ConversationCursor>();
  const auto dot = text->find('.');
  const auto at = ParseWhole(std::string_view(*text).substr(0, dot));
  const auto id =
      dot == std::string::npos ? std::nullopt : ParseWhole(std::string_view(*text).substr(dot + 1));
  if (!at || !id || *id < 1) {
    return base::Error::InvalidArgument("cursor is not one this server gave: start again");
  }
  return std::optional(core::ConversationCursor{base::FromMillis(*at), *id});
}

base::Result<std::string> MessageField(const nlohmann::json& body, const char* name,
                                       std::size_t max_bytes) {
  auto text = TrimmedField(body, name);
  if (!text.ok()) return text;
  if (text->size() > max_bytes) return TooLong(name, max_bytes, "bytes");
  return text;
}

base::Result<std::string> NoteField(const nlohmann::json& body) {
  auto text = TrimmedField(body, "text");
  if (!text.ok()) return text;
  if (Characters(*text) > kMaxNoteChars) return TooLong("text", kMaxNoteChars, "characters");
  return text;
}

base::Result<std::string> NameField(const nlohmann::json& body, const char* name,
                                    std::size_t max_chars) {
  auto text = TrimmedField(body, name);
  if (!text.ok()) return text;
  if (base::Status ok = CheckLine(name, *text, max_chars); !ok.ok()) return ok.error();
  return text;
}

base::Result<std::vector<std::string>> LabelsField(const nlohmann::json& body) {
  const auto it = body.find("labels");
  if (it == body.end() || !it->is_array()) {
    return base::Error::InvalidArgument("labels must be a list of strings");
  }
  if (it->size() > kMaxLabels) {
    return base::Error::InvalidArgument("at most " + std::to_string(kMaxLabels) + " labels");
  }
  std::vector<std::string> labels;
  for (const nlohmann::json& element : *it) {
    if (!element.is_string()) return base::Error::InvalidArgument("labels must be strings");
    std::string label(base::Trim(element.get_ref<const std::string&>()));
    if (base::Status ok = CheckLine("a label", label, kMaxLabelChars); !ok.ok()) {
      return ok.error();
    }
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
      labels.push_back(std::move(label));
    }
  }
  return labels;
}

base::Status OnlyKeys(const nlohmann::json& body, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return base::Error::InvalidArgument("unknown field " + key);
    }
  }
  return base::Status::Ok();
}

}  // namespace api
