// The input of the CRM endpoints (docs/api/conversations.md), read and checked: query parameters
// and body fields, with their limits. Each returns kInvalidArgument with a message naming the
// parameter or field and the rule it breaks; texts come back trimmed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/crm.h"
#include "http/request.h"

namespace api {

inline constexpr std::size_t kMaxMessageBytes = 4096;  // a reply and an answer, after trimming
inline constexpr std::size_t kMaxLabelChars = 40;
inline constexpr std::size_t kMaxLabels = 20;
inline constexpr std::size_t kMaxNoteChars = 4000;
inline constexpr std::size_t kMaxNameChars = 100;
inline constexpr std::size_t kMaxSearchBytes = 200;

// The `limit` query parameter: `fallback` when absent, else a whole number from 1 to `max`.
base::Result<std::size_t> LimitParam(const http::Request& request, std::size_t fallback,
                                     std::size_t max);
// An optional id query parameter (`before`): nullopt when absent, else a positive whole number.
base::Result<std::optional<std::int64_t>> IdQuery(const http::Request& request,
                                                  std::string_view name);

// The conversation list's filter from channel, folder, unread, label and q.
base::Result<core::ConversationFilter> FilterParams(const http::Request& request);
// The `folder` query parameter; `fallback` when absent.
base::Result<core::Folder> FolderParam(const http::Request& request, core::Folder fallback);

// A list cursor as the API shows it: opaque text that only this server reads back.
std::string EncodeCursor(const core::ConversationCursor& cursor);
// The `cursor` query parameter: nullopt when absent; kInvalidArgument when it is not one
// EncodeCursor made.
base::Result<std::optional<core::ConversationCursor>> CursorParam(const http::Request& request);

// The string field `name` of `body`, trimmed, of 1 to `max_bytes` bytes.
base::Result<std::string> MessageField(const nlohmann::json& body, const char* name,
                                       std::size_t max_bytes = kMaxMessageBytes);
// The "text" of a note: trimmed, of 1 to kMaxNoteChars characters.
base::Result<std::string> NoteField(const nlohmann::json& body);
// The string field `name`, trimmed, of 1 to `max_chars` characters without control characters.
base::Result<std::string> NameField(const nlohmann::json& body, const char* name,
                                    std::size_t max_chars);
// The "labels" field: at most kMaxLabels labels, each trimmed, of 1 to kMaxLabelChars
// characters without control characters; repeats are dropped, the first kept.
base::Result<std::vector<std::string>> LabelsField(const nlohmann::json& body);

// kInvalidArgument naming the first key of `body` not in `allowed`.
base::Status OnlyKeys(const nlohmann::json& body, std::initializer_list<std::string_view> allowed);

}  // namespace api
