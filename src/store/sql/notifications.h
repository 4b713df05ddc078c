// A workspace's notifications, on either backend's connection: stored by Commit and listed newest
// first by time for the chat tool; each function expects its caller to serialize access to `db`.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/notification.h"
#include "store/record_codec.h"
#include "store/rows.h"

namespace store::sql {

// Stores `notification` as given (ids included) and returns its new id.
// REQUIRES: inside a write transaction; its workspace, conversation and contact exist.
base::Result<std::int64_t> InsertNotification(auto& db, const core::Notification& n) {
  static constexpr std::string_view kInsert =
      "INSERT INTO notifications (workspace_id, conversation_id, contact_id, kind, reason,"
      " customer_name, last_messages_json, answers_json, at_ms, read, detail)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
  auto q = db.Prepare(kInsert);
  if (!q.ok()) return q.error();
  base::Result<bool> row =
      q->BindAll(n.workspace_id, n.conversation_id, n.contact_id, core::ToString(n.kind),
                 core::ToString(n.reason), n.customer_name, EncodeStrings(n.last_messages),
                 EncodeAnswers(n.answers), n.at, std::int64_t{n.read}, n.detail)
          .Step();
  if (!row.ok()) return row.error();
  return q->Int64(0);
}

// Reads the notifications `q` selects (the columns ReadNotification reads) into `out`, stopping
// after `limit`: true when a row was left over.
base::Result<bool> ReadNotificationRows(auto& q, std::int64_t workspace_id, std::size_t limit,
                                        std::vector<core::Notification>& out) {
  while (true) {
    base::Result<bool> row = q.Step();
    if (!row.ok()) return row.error();
    if (!*row) return false;
    if (out.size() == limit) return true;
    base::Result<core::Notification> n = ReadNotification(q, workspace_id);
    if (!n.ok()) return n.error();
    out.push_back(std::move(*n));
  }
}

// The workspace's newest `limit` notifications by time, newest first.
base::Result<std::vector<core::Notification>> ListNotifications(auto& db, std::int64_t workspace_id,
                                                                std::size_t limit) {
  static constexpr std::string_view kSelect =
      "SELECT id, conversation_id, contact_id, kind, reason, customer_name, last_messages_json,"
      " answers_json, at_ms, read, detail FROM notifications WHERE workspace_id = $1"
      " ORDER BY at_ms DESC, id DESC LIMIT $2";
  const std::size_t capped = std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max());
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  q->BindAll(workspace_id, static_cast<std::int64_t>(capped));
  std::vector<core::Notification> notifications;
  base::Result<bool> read = ReadNotificationRows(*q, workspace_id, capped, notifications);
  if (!read.ok()) return read.error();
  return notifications;
}

}  // namespace store::sql
