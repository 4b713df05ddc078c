// A workspace's notifications: stored by Commit, listed by the chat tool (newest first by time)
// and paged, counted and marked read by the CRM (newest first by id). Every function expects its
// caller to serialize access to `db`; the others implement the core::Store or core::Crm method of
// the same name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.h"
#include "core/crm.h"
#include "core/notification.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// Stores `notification` as given (ids included) and returns its new id.
// REQUIRES: inside a write transaction; its workspace, conversation and contact exist.
base::Result<std::int64_t> InsertNotification(Connection& db,
                                              const core::Notification& notification);

base::Result<std::vector<core::Notification>> ListNotifications(Connection& db,
                                                                std::int64_t workspace_id,
                                                                std::size_t limit);
base::Result<core::NotificationPage> PageNotifications(Connection& db, std::int64_t workspace_id,
                                                       std::optional<std::int64_t> before,
                                                       std::size_t limit);
base::Status MarkNotificationRead(Connection& db, std::int64_t workspace_id,
                                  std::int64_t notification_id);
base::Status MarkAllNotificationsRead(Connection& db, std::int64_t workspace_id);
// The notification `notification_id` of the workspace; kNotFound when it is not the workspace's.
base::Result<core::Notification> LoadNotification(Connection& db, std::int64_t workspace_id,
                                                  std::int64_t notification_id);

}  // namespace store::sqlite
