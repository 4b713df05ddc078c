// A workspace's notifications and each conversation's audit timeline. Every function expects its
// caller to serialize access to `db`; the List functions implement the core::Store methods.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/result.h"
#include "core/audit_event.h"
#include "core/notification.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// Stores `notification` as given (ids included) and returns its new id.
// REQUIRES: inside a write transaction; its workspace, conversation and contact exist.
base::Result<std::int64_t> InsertNotification(Connection& db,
                                              const core::Notification& notification);
// Stores `event` under the workspace and returns its new id.
// REQUIRES: inside a write transaction; its conversation exists in the workspace.
base::Result<std::int64_t> InsertAudit(Connection& db, std::int64_t workspace_id,
                                       const core::AuditEvent& event);

base::Result<std::vector<core::Notification>> ListNotifications(Connection& db,
                                                                std::int64_t workspace_id,
                                                                std::size_t limit);
// kNotFound when it is not the workspace's.
base::Result<core::Notification> LoadNotification(Connection& db, std::int64_t workspace_id,
                                                  std::int64_t notification_id);
base::Result<std::vector<core::AuditEvent>> ListAudit(Connection& db, std::int64_t workspace_id,
                                                      std::int64_t conversation_id);

}  // namespace store::sqlite
