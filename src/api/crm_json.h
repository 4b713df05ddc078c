// The JSON of the CRM's objects (docs/api/conversations.md): what the REST endpoints answer, the
// live updates send and the outgoing webhooks carry. Each takes plain core values and never fails
// (invalid UTF-8 is replaced when the JSON is dumped, see JsonResponse).
#pragma once

#include <nlohmann/json.hpp>

#include "core/audit_event.h"
#include "core/crm.h"
#include "core/media.h"
#include "core/message.h"
#include "core/notification.h"

namespace api {

// {"id", "author", "text", "at", "delivery", "delivery_error", "attachment"}, plus "user" for a
// human_crm message.
nlohmann::json MessageJson(const core::Message& message);

// {"id", "kind", "mime_type", "size", "name", "state", "error"}: a file of a message, its bytes at
// GET .../conversations/{conversation_id}/attachments/{id} once `state` is "stored".
nlohmann::json MediaJson(const core::Media& media);

// {"id", "channel", "account_id", "folder", "mode", "resume_at", "priority", "unread", "labels",
//  "contact": {"id", "name", "external_id"}, "last_message": {"id", "author", "text", "at"} or
//  null, "last_activity_at"} (null only while the conversation has no message).
nlohmann::json SummaryJson(const core::ConversationSummary& summary);

// {"id", "kind", "reason", "conversation_id", "contact_id", "customer_name", "last_messages",
//  "answers": [{"question", "label", "answer", "value"}], "at", "read"}
nlohmann::json NotificationJson(const core::Notification& notification);

// {"kind", "actor", "detail", "mode_after", "resume_at", "at"}
nlohmann::json AuditEventJson(const core::AuditEvent& event);

// {"id", "name", "channel", "external_id", "answers": [{"id", "question_index", "question",
//  "label", "answer", "value", "at", "source_message_id"}], "labels", "notes": [NoteJson...],
//  "conversation_ids"}
nlohmann::json LeadJson(const core::Lead& lead);

// {"id", "text", "author", "at"}
nlohmann::json NoteJson(const core::LeadNote& note);

// {"field", "before", "after", "user", "at"}; a value is null, a string or a list of strings.
nlohmann::json LeadEditJson(const core::LeadEdit& edit);

}  // namespace api
