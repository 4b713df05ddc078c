// Sending a file a person attached to a reply (reference §3.2–3.4), as plain request values:
//   WhatsApp:  upload it (POST /{version}/{phone_number_id}/media, multipart: messaging_product,
//              type, file), then send a message of its kind with the id the upload gave;
//   Messenger: one multipart POST /{version}/me/messages with the attachment's type and the
//              bytes as `filedata`;
//   Instagram: upload it with the Attachment Upload API (POST /{version}/me/message_attachments,
//              multipart: platform=instagram, the attachment's type, the bytes as `filedata`),
//              then send an attachment message with the `attachment_id` it gave (JSON POST
//              /{version}/me/messages). Documents only as PDF (core::CheckFileForChannel).
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "channels/sender.h"
#include "core/enums.h"

namespace channels {

struct OutgoingFile {
  core::Attachment kind = core::Attachment::kDocument;  // kImage, kAudio, kVideo or kDocument
  std::string mime_type;
  std::string file_name;   // documents: the name the customer sees
  std::string_view bytes;  // must outlive the requests built from it
  // Messenger: send under the HUMAN_AGENT tag (see OutgoingText).
  bool human_agent_tag = false;
};

// Whether `channel` uploads a file before the message that sends it (WhatsApp, Instagram).
bool UploadsBeforeSending(core::Channel channel);

// The upload of `file` on a channel that UploadsBeforeSending. kInvalidArgument as BuildSend's
// for the target, on any other channel, for an empty file, a kind that is not a file's, or a file
// the channel does not take (core::CheckFileForChannel).
base::Result<OutboundRequest> BuildMediaUpload(const SendTarget& target, const OutgoingFile& file);

// The id in `channel`'s answer to an upload: WhatsApp's {"id": "..."}, Instagram's
// {"attachment_id": "..."}; kInvalidArgument without one.
base::Result<std::string> ParseUploadedMediaId(core::Channel channel, std::string_view body);

// The message that delivers the file: on WhatsApp and Instagram by `uploaded_id` (from the
// upload), on Messenger with the bytes themselves. kInvalidArgument as BuildMediaUpload's, for an
// uploaded id that is not one, and on the web chat.
base::Result<OutboundRequest> BuildFileSend(const SendTarget& target, const OutgoingFile& file,
                                            std::string_view uploaded_id = {});

}  // namespace channels
