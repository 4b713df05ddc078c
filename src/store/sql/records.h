// Loading one stored record by id, on either backend's connection (the caller serializes access
// to `db`): what webhooks announce and what the CRM shows.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/result.h"
#include "core/message.h"
#include "core/notification.h"
#include "store/rows.h"

namespace store {

// The message `message_id` of the workspace; kNotFound when it is not the workspace's.
base::Result<core::Message> LoadMessage(auto& db, std::int64_t workspace_id,
                                        std::int64_t message_id) {
  static constexpr std::string_view kSelect =
      "SELECT id, author, text, at_ms, epoch, provider_message_id, delivery, delivery_error,"
      " attachment, author_user, model, conversation_id FROM messages"
      " WHERE id = $1 AND workspace_id = $2";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(message_id, workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("message not found");
  return ReadMessage(*q, 0, q->Int64(kMessageColumnCount));
}

// The notification `notification_id` of the workspace; kNotFound when it is not the workspace's.
base::Result<core::Notification> LoadNotification(auto& db, std::int64_t workspace_id,
                                                  std::int64_t notification_id) {
  static constexpr std::string_view kSelect =
      "SELECT id, conversation_id, contact_id, kind, reason, customer_name, last_messages_json,"
      " answers_json, at_ms, read, detail FROM notifications WHERE id = $1 AND workspace_id = $2";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(notification_id, workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("notification not found");
  return ReadNotification(*q, workspace_id);
}

}  // namespace store
