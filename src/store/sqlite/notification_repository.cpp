#include <algorithm>
#include <limits>

#include "store/enum_name.h"
#include "store/record_codec.h"
#include "store/rows.h"
#include "store/sql/notifications.h"
#include "store/sqlite/crm.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();

// Returns the columns ReadNotification reads.
constexpr std::string_view kSelectPage =
    "SELECT id, conversation_id, contact_id, kind, reason, customer_name, last_messages_json,"
    " answers_json, at_ms, read, detail FROM notifications INDEXED BY notifications_by_id"
    " WHERE workspace_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3";
constexpr std::string_view kCountUnread =
    "SELECT COUNT(*) FROM notifications INDEXED BY notifications_unread"
    " WHERE workspace_id = ?1 AND read = 0";
constexpr std::string_view kMarkRead =
    "UPDATE notifications SET read = 1 WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kMarkAllRead =
    "UPDATE notifications INDEXED BY notifications_unread SET read = 1"
    " WHERE workspace_id = ?1 AND read = 0";

}  // namespace

base::Result<core::NotificationPage> Crm::PageNotifications(std::int64_t workspace_id,
                                                            std::optional<std::int64_t> before,
                                                            std::size_t limit) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  core::NotificationPage page;
  {
    base::Result<Query> count = db.Prepare(kCountUnread);
    if (!count.ok()) return count.error();
    base::Result<bool> row = count->BindAll(workspace_id).Step();
    if (!row.ok()) return row.error();
    page.unread = *row ? count->Int64(0) : 0;
  }
  if (limit == 0) return page;
  const std::size_t capped = std::min<std::size_t>(limit, kEnd - 1);
  base::Result<Query> q = db.Prepare(kSelectPage);
  if (!q.ok()) return q.error();
  // One row past the page tells whether another page follows.
  q->BindAll(workspace_id, before.value_or(kEnd), static_cast<std::int64_t>(capped) + 1);
  base::Result<bool> more = sql::ReadNotificationRows(*q, workspace_id, capped, page.notifications);
  if (!more.ok()) return more.error();
  if (*more) page.next_before = page.notifications.back().id;
  return page;
}

base::Status Crm::MarkNotificationRead(std::int64_t workspace_id, std::int64_t notification_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> update = db.Prepare(kMarkRead);
  if (!update.ok()) return update.error();
  if (base::Status done = update->BindAll(notification_id, workspace_id).Run(); !done.ok()) {
    return done;
  }
  if (db.Changes() == 0) return base::Error::NotFound("notification not found");
  return base::Status::Ok();
}

base::Status Crm::MarkAllNotificationsRead(std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> update = db.Prepare(kMarkAllRead);
  if (!update.ok()) return update.error();
  return update->BindAll(workspace_id).Run();
}

}  // namespace store::sqlite
