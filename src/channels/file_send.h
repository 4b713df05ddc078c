// Sending a file a person attached to a reply (reference §3.2, §3.3), as plain request values:
//   WhatsApp:  upload it (POST /{version}/{phone_number_id}/media, multipart: messaging_product,
//              type, file), then send a message of its kind with the id the upload gave;
//   Messenger: one multipart POST /{version}/me/messages with the attachment's type and the
//              bytes as `filedata`;
//   Instagram: takes files only from a public URL, which a self-hosted server may not have:
//              refused (kInvalidArgument), the message fails saying so.
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

// WhatsApp's upload of `file`. kInvalidArgument as BuildSend's for the target, and on any other
// channel, for an empty file or a kind that is not a file's.
base::Result<OutboundRequest> BuildMediaUpload(const SendTarget& target, const OutgoingFile& file);

// The media id of WhatsApp's answer to an upload ({"id": "..."}); kInvalidArgument without one.
base::Result<std::string> ParseUploadedMediaId(std::string_view body);

// The message that delivers the file: on WhatsApp by `uploaded_id` (from the upload), on
// Messenger with the bytes themselves. kInvalidArgument as BuildMediaUpload's, for a WhatsApp
// media id that is not one, and on Instagram and the web chat.
base::Result<OutboundRequest> BuildFileSend(const SendTarget& target, const OutgoingFile& file,
                                            std::string_view uploaded_id = {});

}  // namespace channels
