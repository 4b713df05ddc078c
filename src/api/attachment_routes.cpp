#include "api/attachment_routes.h"

#include <string>

#include "api/crm_input.h"
#include "api/crm_json.h"
#include "api/json_api.h"
#include "base/strings.h"
#include "http/multipart.h"

namespace api {
namespace {

// A file name safe inside a quoted header value: no quotes, backslashes or control characters.
std::string QuotedName(const core::Media& media) {
  std::string name;
  for (const char c : media.file_name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' || c == 0x7f) continue;
    name += c;
  }
  return name.empty() ? "attachment-" + std::to_string(media.id) : name;
}

http::Response Bytes(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  const auto conversation_id = IdParam(r, "id");
  const auto media_id = IdParam(r, "attachment");
  const base::Error not_found = base::Error::NotFound("attachment not found");
  if (!conversation_id || !media_id) return ErrorResponse(not_found);
  return FileResponse(c.media.ReadMedia(access->workspace.id, *conversation_id, *media_id));
}

constexpr std::size_t kMaxFileNameBytes = 200;

// The kind a file of this type is sent as.
core::Attachment KindOfType(std::string_view type) {
  if (type.starts_with("image/")) return core::Attachment::kImage;
  if (type.starts_with("audio/")) return core::Attachment::kAudio;
  if (type.starts_with("video/")) return core::Attachment::kVideo;
  return core::Attachment::kDocument;
}

// The name as sent, without any folder, at most kMaxFileNameBytes.
std::string BaseName(std::string_view name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  return std::string(name.substr(0, kMaxFileNameBytes));
}

// What the form asks to send; the error for the member otherwise.
base::Result<std::pair<std::string, core::NewMedia>> ReadForm(const http::Request& r,
                                                              std::string_view& bytes) {
  auto parts = http::ParseFormData(r.Header("Content-Type").value_or(""), r.body);
  if (!parts.ok()) return parts.error();
  const http::FormPart* file = http::FindPart(*parts, "file");
  if (file == nullptr || !file->filename) {
    return base::Error::InvalidArgument("file is required");
  }
  std::string text;
  if (const http::FormPart* part = http::FindPart(*parts, "text")) text = base::Trim(part->body);
  if (text.size() > kMaxMessageBytes) {
    return base::Error::InvalidArgument("text must be at most " + std::to_string(kMaxMessageBytes) +
                                        " bytes");
  }
  core::NewMedia media;
  media.mime_type = core::BareMimeType(file->content_type);
  media.kind = KindOfType(media.mime_type);
  media.file_name = BaseName(*file->filename);
  if (file->body.empty()) return base::Error::InvalidArgument("the file is empty");
  if (!core::IsAllowedMediaType(media.kind, media.mime_type)) {
    return base::Error::InvalidArgument("files of this type are not sent");
  }
  const std::int64_t max = core::MaxMediaBytes(media.kind);
  if (static_cast<std::int64_t>(file->body.size()) > max) {
    return base::Error::InvalidArgument("the file is larger than " +
                                        std::to_string(max / (1024 * 1024)) + " MB");
  }
  bytes = file->body;
  return std::pair{std::move(text), std::move(media)};
}

}  // namespace

http::Response FileResponse(base::Result<std::pair<core::Media, std::string>> read) {
  if (!read.ok()) return ErrorResponse(read.error());
  const core::Media& file = read->first;
  if (file.state != core::MediaState::kStored) {
    return ErrorResponse(
        base::Error::NotFound("attachment not stored: " + std::string(core::ToString(file.state))));
  }
  http::Response response;
  response.status = 200;
  response.content_type = file.mime_type;
  response.body = std::move(read->second);
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("Cache-Control", "private, max-age=3600");
  if (file.kind == core::Attachment::kDocument) {
    response.AddHeader("Content-Disposition", "attachment; filename=\"" + QuotedName(file) + "\"");
  }
  return response;
}

http::Response ReplyWithFile(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  const auto id = IdParam(r, "id");
  if (!id) return ErrorResponse(base::Error::NotFound("conversation not found"));
  auto summary = c.crm.LoadSummary(access->workspace.id, *id);
  if (!summary.ok()) return ErrorResponse(summary.error());
  std::string_view bytes;
  auto form = ReadForm(r, bytes);
  if (!form.ok()) return ErrorResponse(form.error());
  if (base::Status takes =
          core::CheckFileForChannel(summary->channel, form->second.kind, form->second.mime_type,
                                    static_cast<std::int64_t>(bytes.size()));
      !takes.ok()) {
    return ErrorResponse(takes.error());
  }
  // Written before the transaction: the store waits for no file.
  auto sha256 = c.media.KeepFile(std::string(bytes));
  if (!sha256.ok()) return ErrorResponse(sha256.error());
  std::optional<core::Message> message;
  base::Status done = c.engine.Atomically([&]() -> base::Status {
    auto decision =
        c.engine.Handle(access->workspace.id, *id,
                        core::HumanReply{form->first, access->caller.user.email, c.clock.Now()});
    if (!decision.ok()) return decision.error();
    for (const core::Message& m : decision->messages) {
      if (m.author == core::Author::kHumanCrm) message = m;
    }
    if (!message) return base::Error::Internal("a reply decided without its message");
    return c.media.AttachFile(access->workspace.id, message->id, form->second, *sha256,
                              static_cast<std::int64_t>(bytes.size()));
  });
  if (!done.ok()) return ErrorResponse(done.error());
  nlohmann::json out = MessageJson(*message);
  out["media"] = nlohmann::json::array();
  if (auto media = c.media.ListMedia(access->workspace.id, *id); media.ok()) {
    for (const core::Media& m : *media) {
      if (m.message_id == message->id) out["media"].push_back(MediaJson(m));
    }
  }
  return JsonResponse(201, out);
}

void AddAttachmentRoutes(http::Router& router, const CrmContext& context) {
  const CrmContext& c = context;
  router.Get("/api/v1/workspaces/{workspace}/conversations/{id}/attachments/{attachment}",
             [&c](const http::Request& r) { return Bytes(c, r); });
}

}  // namespace api
