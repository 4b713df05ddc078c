// The JSON shapes of the CRM's objects, shared by the REST API, the live event stream and the
// outgoing webhooks (docs/api/).
#pragma once

#include <nlohmann/json.hpp>

#include "core/message.h"
#include "core/notification.h"

namespace api {

// {"id", "author", "text", "at", "delivery", "delivery_error", "attachment"}
nlohmann::json MessageJson(const core::Message& message);

// {"id", "kind", "reason", "conversation_id", "contact_id", "customer_name", "last_messages",
//  "answers": [{"question", "label", "answer"}], "at", "read"}
nlohmann::json NotificationJson(const core::Notification& notification);

}  // namespace api
