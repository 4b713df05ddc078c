#include "store/sql/crm.h"

#include <algorithm>
#include <limits>

#include "store/enum_name.h"
#include "store/postgres/inbox.h"
#include "store/postgres/pool.h"
#include "store/postgres/transaction.h"
#include "store/rows.h"
#include "store/sql/conversations.h"
#include "store/sql/leads.h"
#include "store/sql/notifications.h"
#include "store/sql/statements.h"
#include "store/sql/timeline.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/summary_repository.h"
#include "store/sqlite/transaction.h"

namespace store::sql {
namespace {

constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();

constexpr std::string_view kCountUnread =
    "SELECT folder, channel, COUNT(*) FROM conversations"
    " WHERE workspace_id = $1 AND unread_count > 0 GROUP BY folder, channel";
// The columns of store/rows.h.
constexpr std::string_view kSelectMessagePage =
    "SELECT id, author, text, at_ms, epoch, provider_message_id, delivery, delivery_error,"
    " attachment, author_user, model FROM messages"
    " WHERE conversation_id = $1 AND workspace_id = $2 AND id < $3 ORDER BY id DESC LIMIT $4";
// The folder is part of the state decisions are made on: moving it bumps the version, so a
// decision made on the old folder is decided again (core::Store::Commit).
constexpr std::string_view kSetFolder =
    "UPDATE conversations SET folder = $3, version = version + 1"
    " WHERE id = $1 AND workspace_id = $2";
constexpr std::string_view kSetPriority =
    "UPDATE conversations SET priority = $3 WHERE id = $1 AND workspace_id = $2";
constexpr std::string_view kMarkConversationRead =
    "UPDATE conversations SET unread_count = 0 WHERE id = $1 AND workspace_id = $2";
// Returns the columns ReadNotification reads.
constexpr std::string_view kSelectNotificationPage =
    "SELECT id, conversation_id, contact_id, kind, reason, customer_name, last_messages_json,"
    " answers_json, at_ms, read, detail FROM notifications"
    " WHERE workspace_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3";
constexpr std::string_view kCountUnreadNotifications =
    "SELECT COUNT(*) FROM notifications WHERE workspace_id = $1 AND read = 0";
constexpr std::string_view kMarkNotificationRead =
    "UPDATE notifications SET read = 1 WHERE id = $1 AND workspace_id = $2";
constexpr std::string_view kMarkAllNotificationsRead =
    "UPDATE notifications SET read = 1 WHERE workspace_id = $1 AND read = 0";

// Puts `user` changing a value of `s` from `before` to `after` on its timeline; the mode is left
// as it was.
base::Status AuditChange(auto& db, std::int64_t workspace_id, const core::ConversationSummary& s,
                         core::AuditKind kind, std::string_view before, std::string_view after,
                         const std::string& user, base::TimePoint at) {
  const core::AuditEvent event{.conversation_id = s.id,
                               .kind = kind,
                               .actor = user,
                               .detail = std::string(before) + " -> " + std::string(after),
                               .mode_after = s.lease.mode,
                               .resume_at = s.lease.resume_at,
                               .at = at};
  base::Result<std::int64_t> id = InsertAudit(db, workspace_id, event);
  if (!id.ok()) return id.error();
  return base::Status::Ok();
}

// One row past `limit` (capped) tells whether another page follows.
std::int64_t PastThePage(std::size_t limit) {
  return static_cast<std::int64_t>(std::min<std::size_t>(limit, kEnd - 1)) + 1;
}

}  // namespace

template <typename Backend>
base::Result<core::ConversationPage> Crm<Backend>::ListConversations(
    std::int64_t workspace_id, const core::ConversationFilter& filter,
    const std::optional<core::ConversationCursor>& after, std::size_t limit) {
  const auto list = [&](auto& db) { return ListInbox(db, workspace_id, filter, after, limit); };
  if (filter.search.empty()) return backend_.Reading(list);
  return backend_.Searching(list);
}

template <typename Backend>
base::Result<core::UnreadCounts> Crm<Backend>::CountUnread(std::int64_t workspace_id,
                                                           core::Folder channels_folder) {
  return backend_.Writing([&](auto& db) -> base::Result<core::UnreadCounts> {
    core::UnreadCounts counts;
    for (core::Channel c : core::kEveryChannel) counts.channels[c] = 0;
    for (core::Folder f : core::kEveryFolder) counts.folders[f] = 0;
    auto q = db.Prepare(kCountUnread);
    if (!q.ok()) return q.error();
    q->BindAll(workspace_id);
    while (true) {
      base::Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) return counts;
      auto folder = EnumColumn<core::ParseFolder>(*q, 0, "folder");
      if (!folder.ok()) return folder.error();
      auto channel = EnumColumn<core::ParseChannel>(*q, 1, "channel");
      if (!channel.ok()) return channel.error();
      counts.folders[*folder] += q->Int64(2);
      if (*folder == channels_folder) counts.channels[*channel] += q->Int64(2);
    }
  });
}

template <typename Backend>
base::Result<core::ConversationSummary> Crm<Backend>::LoadSummary(std::int64_t workspace_id,
                                                                  std::int64_t conversation_id) {
  return backend_.Writing(
      [&](auto& db) { return LoadInboxSummary(db, workspace_id, conversation_id); });
}

template <typename Backend>
base::Result<core::MessagePage> Crm<Backend>::ListMessages(std::int64_t workspace_id,
                                                           std::int64_t conversation_id,
                                                           std::optional<std::int64_t> before,
                                                           std::size_t limit) {
  return backend_.Writing([&](auto& db) -> base::Result<core::MessagePage> {
    auto txn = BeginRead(db);
    if (!txn.ok()) return txn.error();
    if (base::Status known = RequireConversation(db, workspace_id, conversation_id); !known.ok()) {
      return known.error();
    }
    if (limit == 0) return core::MessagePage{};
    auto q = db.Prepare(kSelectMessagePage);
    if (!q.ok()) return q.error();
    q->BindAll(conversation_id, workspace_id, before.value_or(kEnd), PastThePage(limit));
    core::MessagePage page;
    while (true) {
      base::Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      if (page.messages.size() == limit) {
        page.next_before = page.messages.back().id;
        break;
      }
      base::Result<core::Message> m = ReadMessage(*q, 0, conversation_id);
      if (!m.ok()) return m.error();
      page.messages.push_back(std::move(*m));
    }
    return page;
  });
}

template <typename Backend>
base::Result<core::ConversationSummary> Crm<Backend>::ChangeConversation(
    std::int64_t workspace_id, std::int64_t conversation_id, const core::ConversationChange& change,
    const std::string& user, base::TimePoint at) {
  return backend_.Writing([&](auto& db) -> base::Result<core::ConversationSummary> {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    auto before = LoadInboxSummary(db, workspace_id, conversation_id);
    if (!before.ok()) return before.error();
    if (change.folder && *change.folder != before->folder) {
      base::Status done = RunStatement(db, kSetFolder, conversation_id, workspace_id,
                                       core::ToString(*change.folder));
      if (done.ok()) {
        done =
            AuditChange(db, workspace_id, *before, core::AuditKind::kFolderChanged,
                        core::ToString(before->folder), core::ToString(*change.folder), user, at);
      }
      if (!done.ok()) return done.error();
    }
    if (change.priority && *change.priority != before->priority) {
      base::Status done = RunStatement(db, kSetPriority, conversation_id, workspace_id,
                                       core::ToString(*change.priority));
      if (done.ok()) {
        done = AuditChange(db, workspace_id, *before, core::AuditKind::kPriorityChanged,
                           core::ToString(before->priority), core::ToString(*change.priority), user,
                           at);
      }
      if (!done.ok()) return done.error();
    }
    auto summary = LoadInboxSummary(db, workspace_id, conversation_id);
    if (!summary.ok()) return summary.error();
    if (base::Status done = txn->Commit(); !done.ok()) return done.error();
    return summary;
  });
}

template <typename Backend>
base::Result<core::ConversationSummary> Crm<Backend>::MarkRead(std::int64_t workspace_id,
                                                               std::int64_t conversation_id) {
  return backend_.Writing([&](auto& db) -> base::Result<core::ConversationSummary> {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    base::Status done =
        ChangeOne(db, "conversation", kMarkConversationRead, conversation_id, workspace_id);
    if (!done.ok()) return done.error();
    auto summary = LoadInboxSummary(db, workspace_id, conversation_id);
    if (!summary.ok()) return summary.error();
    if (done = txn->Commit(); !done.ok()) return done.error();
    return summary;
  });
}

template <typename Backend>
base::Result<core::Lead> Crm<Backend>::LoadLead(std::int64_t workspace_id,
                                                std::int64_t contact_id) {
  return backend_.Writing([&](auto& db) { return sql::LoadLead(db, workspace_id, contact_id); });
}

template <typename Backend>
base::Result<core::Lead> Crm<Backend>::EditLead(std::int64_t workspace_id, std::int64_t contact_id,
                                                const core::LeadChange& change,
                                                const std::string& user, base::TimePoint at) {
  return backend_.Writing(
      [&](auto& db) { return sql::EditLead(db, workspace_id, contact_id, change, user, at); });
}

template <typename Backend>
base::Result<core::Lead> Crm<Backend>::EditAnswer(std::int64_t workspace_id,
                                                  std::int64_t contact_id, std::int64_t answer_id,
                                                  const std::string& answer,
                                                  const std::string& user, base::TimePoint at) {
  return backend_.Writing([&](auto& db) {
    return sql::EditAnswer(db, workspace_id, contact_id, answer_id, answer, user, at);
  });
}

template <typename Backend>
base::Result<core::LeadNote> Crm<Backend>::AddNote(std::int64_t workspace_id,
                                                   std::int64_t contact_id, const std::string& text,
                                                   const std::string& user, base::TimePoint at) {
  return backend_.Writing(
      [&](auto& db) { return sql::AddNote(db, workspace_id, contact_id, text, user, at); });
}

template <typename Backend>
base::Result<std::vector<core::LeadEdit>> Crm<Backend>::ListLeadEdits(std::int64_t workspace_id,
                                                                      std::int64_t contact_id) {
  return backend_.Writing(
      [&](auto& db) { return sql::ListLeadEdits(db, workspace_id, contact_id); });
}

template <typename Backend>
base::Result<core::NotificationPage> Crm<Backend>::PageNotifications(
    std::int64_t workspace_id, std::optional<std::int64_t> before, std::size_t limit) {
  return backend_.Writing([&](auto& db) -> base::Result<core::NotificationPage> {
    auto txn = BeginRead(db);
    if (!txn.ok()) return txn.error();
    core::NotificationPage page;
    {
      auto count = db.Prepare(kCountUnreadNotifications);
      if (!count.ok()) return count.error();
      base::Result<bool> row = count->BindAll(workspace_id).Step();
      if (!row.ok()) return row.error();
      page.unread = *row ? count->Int64(0) : 0;
    }
    if (limit == 0) return page;
    auto q = db.Prepare(kSelectNotificationPage);
    if (!q.ok()) return q.error();
    q->BindAll(workspace_id, before.value_or(kEnd), PastThePage(limit));
    const std::size_t capped = std::min<std::size_t>(limit, kEnd - 1);
    base::Result<bool> more = ReadNotificationRows(*q, workspace_id, capped, page.notifications);
    if (!more.ok()) return more.error();
    if (*more) page.next_before = page.notifications.back().id;
    return page;
  });
}

template <typename Backend>
base::Status Crm<Backend>::MarkNotificationRead(std::int64_t workspace_id,
                                                std::int64_t notification_id) {
  return backend_.Writing([&](auto& db) {
    return ChangeOne(db, "notification", kMarkNotificationRead, notification_id, workspace_id);
  });
}

template <typename Backend>
base::Status Crm<Backend>::MarkAllNotificationsRead(std::int64_t workspace_id) {
  return backend_.Writing(
      [&](auto& db) { return RunStatement(db, kMarkAllNotificationsRead, workspace_id); });
}

template class Crm<sqlite::DatabaseFile>;
template class Crm<postgres::Pool>;

}  // namespace store::sql
