#include "channels/file_send.h"

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "channels/json_fields.h"
#include "channels/request_checks.h"
#include "core/media.h"

namespace channels {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kBoundary = "frontdesk-form-7c1e9a40d2b5";

// A form field or file of a multipart/form-data body.
struct Field {
  std::string name;
  std::string_view value;
  std::string file_name;     // set for a file
  std::string content_type;  // a file's
};

// A boundary that does not occur in the bytes.
std::string Boundary(std::string_view bytes) {
  std::string boundary(kBoundary);
  for (int n = 1; bytes.find(boundary) != std::string_view::npos; ++n) {
    boundary = std::string(kBoundary) + "-" + std::to_string(n);
  }
  return boundary;
}

// A name safe in a quoted header parameter.
std::string Quoted(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' || c == 0x7f) continue;
    out += c;
  }
  return out.empty() ? "file" : out;
}

OutboundRequest Multipart(const SendTarget& target, std::string path, std::string_view bytes,
                          const std::vector<Field>& fields) {
  const std::string boundary = Boundary(bytes);
  std::string body;
  for (const Field& f : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name + "\"";
    if (!f.file_name.empty()) {
      body += "; filename=\"" + Quoted(f.file_name) + "\"\r\nContent-Type: " + f.content_type;
    }
    body += "\r\n\r\n";
    body += f.value;
    body += "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  OutboundRequest request;
  request.method = "POST";
  request.path = "/" + target.api_version + std::move(path);
  request.headers = {{"Authorization", "Bearer " + target.access_token},
                     {"Content-Type", "multipart/form-data; boundary=" + boundary}};
  request.body = std::move(body);
  return request;
}

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

OutboundRequest JsonPost(const SendTarget& target, const std::string& path, const Json& body) {
  OutboundRequest request;
  request.method = "POST";
  request.path = "/" + target.api_version + path;
  request.headers = {{"Authorization", "Bearer " + target.access_token},
                     {"Content-Type", "application/json"}};
  request.body = Dump(body);
  return request;
}

// WhatsApp's message type, or Messenger's attachment type, of a file's kind; "" for none.
std::string TypeOf(core::Channel channel, core::Attachment kind) {
  switch (kind) {
    case core::Attachment::kImage:
      return "image";
    case core::Attachment::kAudio:
      return "audio";
    case core::Attachment::kVideo:
      return "video";
    case core::Attachment::kDocument:
      return channel == core::Channel::kWhatsapp ? "document" : "file";
    default:
      return "";
  }
}

base::Status CheckFile(const SendTarget& target, const OutgoingFile& file) {
  if (base::Status checked = CheckTarget(target); !checked.ok()) return checked;
  if (file.bytes.empty()) return base::Error::InvalidArgument("the file is empty");
  if (TypeOf(target.channel, file.kind).empty()) {
    return base::Error::InvalidArgument("only images, audio, video and documents are sent");
  }
  return core::CheckFileForChannel(target.channel, file.kind, core::BareMimeType(file.mime_type),
                                   static_cast<std::int64_t>(file.bytes.size()));
}

// Messenger's and Instagram's messaging_type (and tag) for a person's file.
void AddMessagingType(Json& body, bool human_agent_tag) {
  if (human_agent_tag) {
    body["messaging_type"] = "MESSAGE_TAG";
    body["tag"] = "HUMAN_AGENT";
  } else {
    body["messaging_type"] = "RESPONSE";
  }
}

}  // namespace

bool UploadsBeforeSending(core::Channel channel) {
  return channel == core::Channel::kWhatsapp || channel == core::Channel::kInstagram;
}

base::Result<OutboundRequest> BuildMediaUpload(const SendTarget& target, const OutgoingFile& file) {
  if (base::Status checked = CheckFile(target, file); !checked.ok()) return checked.error();
  const std::string name = file.file_name.empty() ? "file" : file.file_name;
  if (target.channel == core::Channel::kInstagram) {
    const std::string message = Dump(Json{
        {"attachment",
         {{"type", TypeOf(target.channel, file.kind)}, {"payload", {{"is_reusable", true}}}}}});
    return Multipart(target, "/me/message_attachments", file.bytes,
                     {{"platform", "instagram", "", ""},
                      {"message", message, "", ""},
                      {"filedata", file.bytes, name, file.mime_type}});
  }
  if (target.channel != core::Channel::kWhatsapp) {
    return base::Error::InvalidArgument("only WhatsApp and Instagram upload a file before sending");
  }
  return Multipart(target, "/" + target.account_id + "/media", file.bytes,
                   {{"messaging_product", "whatsapp", "", ""},
                    {"type", file.mime_type, "", ""},
                    {"file", file.bytes, name, file.mime_type}});
}

base::Result<std::string> ParseUploadedMediaId(core::Channel channel, std::string_view body) {
  const fields::Json json = fields::Json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return base::Error::InvalidArgument("the upload's answer is not a JSON object");
  }
  std::string id = fields::Id(json, channel == core::Channel::kInstagram ? "attachment_id" : "id");
  if (!IsId(id)) return base::Error::InvalidArgument("the upload's answer has no media id");
  return id;
}

base::Result<OutboundRequest> BuildFileSend(const SendTarget& target, const OutgoingFile& file,
                                            std::string_view uploaded_id) {
  if (base::Status checked = CheckFile(target, file); !checked.ok()) return checked.error();
  const std::string type = TypeOf(target.channel, file.kind);
  if (target.channel == core::Channel::kWhatsapp) {
    if (!IsId(uploaded_id)) return base::Error::InvalidArgument("the media id is malformed");
    Json media = {{"id", uploaded_id}};
    if (file.kind == core::Attachment::kDocument && !file.file_name.empty()) {
      media["filename"] = file.file_name;
    }
    const Json body = {{"messaging_product", "whatsapp"},
                       {"recipient_type", "individual"},
                       {"to", target.recipient_id},
                       {"type", type},
                       {type, media}};
    return JsonPost(target, "/" + target.account_id + "/messages", body);
  }
  if (target.channel == core::Channel::kInstagram) {
    if (!IsId(uploaded_id)) return base::Error::InvalidArgument("the attachment id is malformed");
    Json body = {{"recipient", {{"id", target.recipient_id}}}};
    AddMessagingType(body, file.human_agent_tag);
    body["message"] = {
        {"attachment", {{"type", type}, {"payload", {{"attachment_id", uploaded_id}}}}}};
    return JsonPost(target, "/me/messages", body);
  }
  const std::string recipient = Dump(Json{{"id", target.recipient_id}});
  const std::string message =
      Dump(Json{{"attachment", {{"type", type}, {"payload", {{"is_reusable", false}}}}}});
  std::vector<Field> fields{{"recipient", recipient, "", ""}};
  if (file.human_agent_tag) {
    fields.push_back({"messaging_type", "MESSAGE_TAG", "", ""});
    fields.push_back({"tag", "HUMAN_AGENT", "", ""});
  } else {
    fields.push_back({"messaging_type", "RESPONSE", "", ""});
  }
  fields.push_back({"message", message, "", ""});
  fields.push_back(
      {"filedata", file.bytes, file.file_name.empty() ? "file" : file.file_name, file.mime_type});
  return Multipart(target, "/me/messages", file.bytes, fields);
}

}  // namespace channels
