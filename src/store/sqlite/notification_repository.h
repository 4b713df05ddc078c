// A workspace's notifications: stored by Commit, listed by the chat tool (newest first by time;
// sqlite::Store::ListNotifications) and paged, counted and marked read by the CRM (newest first by
// id; sqlite::Crm), all defined in the .cpp. The functions here expect their caller to serialize
// access to `db`.
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

}  // namespace store::sqlite
