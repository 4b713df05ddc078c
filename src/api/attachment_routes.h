// The files of a conversation's messages, for any member of the workspace:
//   GET /api/v1/workspaces/{workspace}/conversations/{id}/attachments/{attachment}  the bytes
// With its stored type (images, audio and video shown inline; documents as a download, with
// their name), `X-Content-Type-Options: nosniff` and a private cache. A conversation or file of
// another workspace, an id that is not one, or a file that is not stored (pending, too large, a
// refused type, failed) is 404.
//
// A member's reply may carry a file: POST .../conversations/{id}/messages as multipart/form-data
// with the part "file" and, optionally, "text" (ReplyWithFile). The file is kept in the media
// store and recorded with the reply's message in the transaction that queues it, so the outbox
// never sends one without the other. On the web chat there is nothing to send: the visitor's
// page shows the file, which only that visitor's cookie reads (app/web_chat.h).
#pragma once

#include "api/crm_context.h"
#include "http/router.h"

namespace api {

// The largest reply with a file the server reads: the largest file (a document) and its form.
inline constexpr std::size_t kMaxFileReplyBytes = 100 * 1024 * 1024 + 64 * 1024;

void AddAttachmentRoutes(http::Router& router, const CrmContext& context);

// A member's reply with a file (see above), as the reply without one: 201 with the message and
// its "media"; 400 when the form has no file, the file is empty, of a type that is not sent,
// larger than its kind allows (core::MaxMediaBytes), or the conversation's channel takes no
// files (Instagram); 404 for a conversation of another workspace.
http::Response ReplyWithFile(const CrmContext& context, const http::Request& request);

// A stored file as served (its type, nosniff, a private cache, documents as a download with their
// name), from what core::MediaStore::ReadMedia returned: its error, or 404 for a file that is not
// stored (pending, too large, a refused type, failed).
http::Response FileResponse(base::Result<std::pair<core::Media, std::string>> read);

}  // namespace api
