#include "store/sqlite/sqlite_store.h"

#include <utility>

#include "base/slow_call_guard.h"
#include "store/sqlite/catalog_repository.h"
#include "store/sqlite/channel_account_repository.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/config_repository.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/conversation_edit_repository.h"
#include "store/sqlite/conversation_repository.h"
#include "store/sqlite/decision_writer.h"
#include "store/sqlite/history_repository.h"
#include "store/sqlite/inbox_repository.h"
#include "store/sqlite/lead_repository.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/notification_repository.h"
#include "store/sqlite/outbox_repository.h"
#include "store/sqlite/search_indexer.h"
#include "store/sqlite/summary_repository.h"
#include "store/sqlite/timeline_repository.h"
#include "store/sqlite/timer_repository.h"
#include "store/sqlite/transaction.h"
#include "store/sqlite/user_repository.h"
#include "store/sqlite/webhook_repository.h"
#include "store/sqlite/workspace_repository.h"

namespace store {

using Lock = std::lock_guard<std::recursive_mutex>;

base::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  base::Result<std::unique_ptr<sqlite::Connection>> db = sqlite::Connection::Open(path);
  if (!db.ok()) return db.error();
  // Before the migration that drops their old table.
  base::Status migrated = sqlite::MoveDeliveriesToInboxFile(**db, path);
  if (migrated.ok()) migrated = sqlite::Migrate(**db, sqlite::Migrations());
  if (!migrated.ok()) {
    const base::Error& e = migrated.error();
    return base::Error{e.code, "cannot open database '" + path + "': " + e.message};
  }
  // Checkpoints run in the background (sqlite::Checkpointer), never in a caller's commit.
  if (base::Status off = (*db)->Execute("PRAGMA wal_autocheckpoint=0"); !off.ok()) {
    return off.error();
  }
  auto checkpointer = sqlite::Checkpointer::Start(path, sqlite::kCheckpointEvery);
  if (!checkpointer.ok()) return checkpointer.error();
  base::Result<std::unique_ptr<sqlite::Connection>> reader = sqlite::Connection::Open(path);
  if (!reader.ok()) return reader.error();
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(*db), std::move(*reader), std::move(*checkpointer)));
}

SqliteStore::SqliteStore(std::unique_ptr<sqlite::Connection> db,
                         std::unique_ptr<sqlite::Connection> reader,
                         std::unique_ptr<sqlite::Checkpointer> checkpointer)
    : db_(std::move(db)), checkpointer_(std::move(checkpointer)), reader_(std::move(reader)) {}

SqliteStore::~SqliteStore() = default;

namespace {

// The store whose Atomically runs on this thread: its Commit calls join that transaction.
thread_local const SqliteStore* t_atomically = nullptr;

}  // namespace

template <typename Read>
auto SqliteStore::Reading(Read read) {
  if (t_atomically == this) {
    Lock lock(mutex_);
    return read(*db_);
  }
  // The writer's page cache holds what it wrote; the reader's is dropped after every write.
  if (std::unique_lock writer(mutex_, std::try_to_lock); writer.owns_lock()) return read(*db_);
  std::lock_guard lock(reader_mutex_);
  return read(*reader_);
}

base::Status SqliteStore::Atomically(const std::function<base::Status()>& work) {
  Lock lock(mutex_);
  base::Result<sqlite::Transaction> txn =
      sqlite::Transaction::Begin(*db_, sqlite::TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  // Every other thread's store call waits for `work`.
  const base::NoSlowCalls in_transaction("a store transaction");
  const SqliteStore* const outer = t_atomically;
  t_atomically = this;
  base::Status done = work();
  t_atomically = outer;
  if (!done.ok()) return done;  // rolled back with `txn`
  return txn->Commit();
}

base::Result<core::User> SqliteStore::CreateUser(std::string_view email,
                                                 const std::string& password_hash,
                                                 base::TimePoint at) {
  Lock lock(mutex_);
  return sqlite::CreateUser(*db_, email, password_hash, at);
}

base::Result<core::User> SqliteStore::FindUserByEmail(std::string_view email) {
  Lock lock(mutex_);
  return sqlite::FindUserByEmail(*db_, email);
}

base::Status SqliteStore::SetMembership(std::int64_t workspace_id, std::int64_t user_id,
                                        core::Role role) {
  Lock lock(mutex_);
  return sqlite::SetMembership(*db_, workspace_id, user_id, role);
}

base::Status SqliteStore::RemoveMembership(std::int64_t workspace_id, std::int64_t user_id) {
  Lock lock(mutex_);
  return sqlite::RemoveMembership(*db_, workspace_id, user_id);
}

base::Result<core::Role> SqliteStore::RoleIn(std::int64_t workspace_id, std::int64_t user_id) {
  Lock lock(mutex_);
  return sqlite::RoleIn(*db_, workspace_id, user_id);
}

base::Result<std::vector<core::Member>> SqliteStore::ListMembers(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::ListMembers(*db_, workspace_id);
}

base::Result<core::User> SqliteStore::FindUser(std::int64_t user_id) {
  Lock lock(mutex_);
  return sqlite::FindUser(*db_, user_id);
}

base::Result<std::vector<core::Membership>> SqliteStore::ListMemberships(std::int64_t user_id) {
  Lock lock(mutex_);
  return sqlite::ListMemberships(*db_, user_id);
}

base::Status SqliteStore::SetPassword(std::int64_t user_id, const std::string& password_hash,
                                      const std::optional<std::string>& kept_session) {
  Lock lock(mutex_);
  return sqlite::SetPassword(*db_, user_id, password_hash, kept_session);
}

base::Status SqliteStore::CreateSession(const core::Session& session) {
  Lock lock(mutex_);
  return sqlite::CreateSession(*db_, session);
}

base::Result<core::Session> SqliteStore::FindSession(const std::string& token_hash,
                                                     base::TimePoint now) {
  Lock lock(mutex_);
  return sqlite::FindSession(*db_, token_hash, now);
}

base::Status SqliteStore::DeleteSession(const std::string& token_hash) {
  Lock lock(mutex_);
  return sqlite::DeleteSession(*db_, token_hash);
}

base::Result<std::size_t> SqliteStore::DeleteExpiredSessions(base::TimePoint now) {
  Lock lock(mutex_);
  return sqlite::DeleteExpiredSessions(*db_, now);
}

base::Result<core::ApiToken> SqliteStore::CreateApiToken(const core::ApiToken& token) {
  Lock lock(mutex_);
  return sqlite::CreateApiToken(*db_, token);
}

base::Result<core::ApiToken> SqliteStore::FindApiToken(const std::string& token_hash) {
  Lock lock(mutex_);
  return sqlite::FindApiToken(*db_, token_hash);
}

base::Result<std::vector<core::ApiToken>> SqliteStore::ListApiTokens(std::int64_t user_id) {
  Lock lock(mutex_);
  return sqlite::ListApiTokens(*db_, user_id);
}

base::Status SqliteStore::DeleteApiToken(std::int64_t user_id, std::int64_t token_id) {
  Lock lock(mutex_);
  return sqlite::DeleteApiToken(*db_, user_id, token_id);
}

base::Result<core::Webhook> SqliteStore::CreateWebhook(std::int64_t workspace_id,
                                                       const std::string& url,
                                                       const std::string& secret,
                                                       base::TimePoint at) {
  Lock lock(mutex_);
  return sqlite::CreateWebhook(*db_, workspace_id, url, secret, at);
}

base::Result<std::vector<core::Webhook>> SqliteStore::ListWebhooks(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::ListWebhooks(*db_, workspace_id);
}

base::Status SqliteStore::DeleteWebhook(std::int64_t workspace_id, std::int64_t webhook_id) {
  Lock lock(mutex_);
  return sqlite::DeleteWebhook(*db_, workspace_id, webhook_id);
}

base::Result<std::vector<core::WebhookDelivery>> SqliteStore::ClaimWebhookDeliveries(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until) {
  Lock lock(mutex_);
  return sqlite::ClaimWebhookDeliveries(*db_, now, limit, lease_until);
}

base::Status SqliteStore::FinishWebhookDelivery(std::int64_t delivery_id) {
  Lock lock(mutex_);
  return sqlite::FinishWebhookDelivery(*db_, delivery_id);
}

base::Status SqliteStore::FailWebhookDelivery(std::int64_t delivery_id,
                                              std::optional<base::TimePoint> next_attempt,
                                              const std::string& error) {
  Lock lock(mutex_);
  return sqlite::FailWebhookDelivery(*db_, delivery_id, next_attempt, error);
}

base::Result<core::Workspace> SqliteStore::CreateWorkspace(const std::string& slug) {
  Lock lock(mutex_);
  return sqlite::CreateWorkspace(*db_, slug);
}

base::Result<core::AgentVersion> SqliteStore::LoadAgentVersion(std::int64_t workspace_id) {
  return Reading(
      [&](sqlite::Connection& db) { return sqlite::LoadAgentVersion(db, workspace_id); });
}

base::Result<bool> SqliteStore::HasMessage(std::int64_t workspace_id,
                                           const std::string& provider_message_id) {
  Lock lock(mutex_);
  return sqlite::HasMessage(*db_, workspace_id, provider_message_id);
}

base::Result<core::Workspace> SqliteStore::FindWorkspace(const std::string& slug) {
  Lock lock(mutex_);
  return sqlite::FindWorkspace(*db_, slug);
}

base::Result<std::int64_t> SqliteStore::SaveDraft(std::int64_t workspace_id,
                                                  const core::AgentConfig& config) {
  Lock lock(mutex_);
  return sqlite::SaveDraft(*db_, workspace_id, config);
}

base::Result<core::Draft> SqliteStore::LoadDraft(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::LoadDraft(*db_, workspace_id);
}

base::Result<std::int64_t> SqliteStore::Publish(std::int64_t workspace_id,
                                                std::int64_t draft_revision) {
  Lock lock(mutex_);
  return sqlite::Publish(*db_, workspace_id, draft_revision);
}

base::Status SqliteStore::DiscardDraft(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::DiscardDraft(*db_, workspace_id);
}

base::Result<core::PublishedConfig> SqliteStore::LoadPublished(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::LoadPublished(*db_, workspace_id);
}

base::Result<std::int64_t> SqliteStore::ReplaceCatalog(std::int64_t workspace_id,
                                                       std::span<const core::Product> products) {
  Lock lock(mutex_);
  return sqlite::ReplaceCatalog(*db_, workspace_id, products);
}

base::Result<std::int64_t> SqliteStore::ClearCatalog(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::ClearCatalog(*db_, workspace_id);
}

base::Result<core::Catalog> SqliteStore::LoadCatalog(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::LoadCatalog(*db_, workspace_id);
}

base::Result<core::ConversationSnapshot> SqliteStore::OpenConversation(
    const core::ConversationKey& key, std::size_t history_limit) {
  // Most conversations exist: read them without waiting for the writer.
  auto existing = FindConversation(key, history_limit);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) return std::move(**existing);
  Lock lock(mutex_);
  return sqlite::OpenConversation(*db_, key, history_limit);
}

base::Result<std::optional<core::ConversationSnapshot>> SqliteStore::FindConversation(
    const core::ConversationKey& key, std::size_t history_limit) {
  return Reading(
      [&](sqlite::Connection& db) { return sqlite::FindConversation(db, key, history_limit); });
}

base::Result<core::ConversationSnapshot> SqliteStore::LoadConversation(std::int64_t workspace_id,
                                                                       std::int64_t conversation_id,
                                                                       std::size_t history_limit) {
  return Reading([&](sqlite::Connection& db) {
    return sqlite::LoadConversation(db, workspace_id, conversation_id, history_limit);
  });
}

struct SqliteStore::PendingCommit : sqlite::GroupedWrite {
  PendingCommit(std::int64_t ws, const core::Decision& d) : workspace_id(ws), decision(d) {}
  std::int64_t workspace_id;
  const core::Decision& decision;
  base::Result<core::Decision> result = base::Error::Internal("database error: not written");
};

base::Result<core::Decision> SqliteStore::Commit(std::int64_t workspace_id,
                                                 const core::Decision& decision) {
  if (t_atomically == this) {  // part of the caller's transaction
    Lock lock(mutex_);
    base::Result<core::Decision> committed = sqlite::Commit(*db_, workspace_id, decision);
    if (committed.ok()) IndexWhenDue(committed->messages.size());
    return committed;
  }
  PendingCommit mine(workspace_id, decision);
  commits_.Submit(mine);
  return std::move(mine.result);
}

void SqliteStore::WriteCommits(std::span<sqlite::GroupedWrite* const> batch) {
  Lock lock(mutex_);
  base::Result<sqlite::Transaction> txn =
      sqlite::Transaction::Begin(*db_, sqlite::TransactionKind::kWrite);
  std::size_t appended = 0;
  for (sqlite::GroupedWrite* w : batch) {
    auto& p = static_cast<PendingCommit&>(*w);
    if (!txn.ok()) {
      p.result = txn.error();
      continue;
    }
    p.result = sqlite::Commit(*db_, p.workspace_id, p.decision);  // a savepoint each
    if (p.result.ok()) appended += p.result->messages.size();
  }
  if (!txn.ok()) return;
  if (base::Status done = txn->Commit(); !done.ok()) {
    for (sqlite::GroupedWrite* w : batch) static_cast<PendingCommit&>(*w).result = done.error();
    return;
  }
  IndexWhenDue(appended);
}

void SqliteStore::IndexWhenDue(std::size_t appended) {
  unindexed_ += appended;
  if (unindexed_ < sqlite::kSearchIndexBatch) return;
  // A batch that fails stays for the next one (or the next search): the commit stands.
  // The count only says when to index: the batch takes whatever is unindexed, up to a cap (a
  // batch undone with an enclosing transaction leaves messages the count no longer covers).
  if (auto indexed = sqlite::IndexMessages(*db_, sqlite::kSearchIndexMaxBatch); indexed.ok()) {
    unindexed_ = 0;
  }
}

base::Result<std::vector<core::DueTimer>> SqliteStore::DueTimers(core::TimerKind kind,
                                                                 base::TimePoint now,
                                                                 std::size_t limit) {
  return Reading([&](sqlite::Connection& db) { return sqlite::DueTimers(db, kind, now, limit); });
}

base::Result<std::size_t> SqliteStore::CountDueTimers(core::TimerKind kind, base::TimePoint now) {
  return Reading([&](sqlite::Connection& db) { return sqlite::CountDueTimers(db, kind, now); });
}

base::Result<std::optional<base::TimePoint>> SqliteStore::NextTimer(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::NextTimer(*db_, workspace_id);
}

base::Result<core::Contact> SqliteStore::LoadContact(std::int64_t workspace_id,
                                                     std::int64_t contact_id) {
  Lock lock(mutex_);
  return sqlite::LoadContact(*db_, workspace_id, contact_id);
}

base::Result<std::vector<core::Notification>> SqliteStore::ListNotifications(
    std::int64_t workspace_id, std::size_t limit) {
  Lock lock(mutex_);
  return sqlite::ListNotifications(*db_, workspace_id, limit);
}

base::Result<std::vector<core::AuditEvent>> SqliteStore::ListAudit(std::int64_t workspace_id,
                                                                   std::int64_t conversation_id) {
  Lock lock(mutex_);
  return sqlite::ListAudit(*db_, workspace_id, conversation_id);
}

base::Result<std::optional<std::string>> SqliteStore::GetValue(std::int64_t workspace_id,
                                                               const std::string& key) {
  Lock lock(mutex_);
  return sqlite::GetValue(*db_, workspace_id, key);
}

base::Status SqliteStore::PutValue(std::int64_t workspace_id, const std::string& key,
                                   const std::string& value) {
  Lock lock(mutex_);
  return sqlite::PutValue(*db_, workspace_id, key, value);
}

base::Result<core::OutboxDepth> SqliteStore::MeasureOutbox(base::TimePoint now) {
  Lock lock(mutex_);
  return sqlite::MeasureOutbox(*db_, now);
}

base::Result<std::vector<core::OutboxItem>> SqliteStore::ClaimOutbox(base::TimePoint now,
                                                                     std::size_t limit,
                                                                     base::TimePoint lease_until) {
  Lock lock(mutex_);
  return sqlite::ClaimOutbox(*db_, now, limit, lease_until);
}

base::Result<int> SqliteStore::RecoverOutbox() {
  Lock lock(mutex_);
  return sqlite::RecoverOutbox(*db_);
}

base::Status SqliteStore::MarkSending(const std::vector<std::int64_t>& item_ids) {
  Lock lock(mutex_);
  return sqlite::MarkSending(*db_, item_ids);
}

base::Status SqliteStore::MarkSent(const std::vector<core::SentItem>& sent) {
  Lock lock(mutex_);
  return sqlite::MarkSent(*db_, sent);
}

base::Status SqliteStore::RetryOutbox(std::int64_t item_id, base::TimePoint not_before,
                                      const std::string& error) {
  Lock lock(mutex_);
  return sqlite::RetryOutbox(*db_, item_id, not_before, error);
}

base::Status SqliteStore::FinishUnsent(std::int64_t item_id, core::DeliveryStatus status,
                                       const std::string& reason) {
  Lock lock(mutex_);
  return sqlite::FinishUnsent(*db_, item_id, status, reason);
}

base::Result<std::optional<core::DeliveryChange>> SqliteStore::UpdateDelivery(
    core::Channel channel, const std::string& provider_message_id, core::DeliveryStatus status,
    const std::string& error) {
  Lock lock(mutex_);
  return sqlite::UpdateDelivery(*db_, channel, provider_message_id, status, error);
}

base::Result<std::vector<core::DeliveryChange>> SqliteStore::UpdateDeliveryUpTo(
    core::Channel channel, const std::string& account_id, const std::string& recipient,
    base::TimePoint watermark, core::DeliveryStatus status) {
  Lock lock(mutex_);
  return sqlite::UpdateDeliveryUpTo(*db_, channel, account_id, recipient, watermark, status);
}

base::Result<bool> SqliteStore::IsOwnSend(core::Channel channel,
                                          const std::string& provider_message_id) {
  Lock lock(mutex_);
  return sqlite::IsOwnSend(*db_, channel, provider_message_id);
}

base::Result<bool> SqliteStore::HasSendInFlight(core::Channel channel,
                                                const std::string& account_id,
                                                const std::string& recipient, base::TimePoint now) {
  Lock lock(mutex_);
  return sqlite::HasSendInFlight(*db_, channel, account_id, recipient, now);
}

base::Result<core::ConversationPage> SqliteStore::ListConversations(
    std::int64_t workspace_id, const core::ConversationFilter& filter,
    const std::optional<core::ConversationCursor>& after, std::size_t limit) {
  Lock lock(mutex_);
  if (!filter.search.empty()) {
    if (base::Status done = sqlite::CatchUpSearchIndex(*db_); !done.ok()) return done.error();
    unindexed_ = 0;
  }
  return sqlite::ListConversations(*db_, workspace_id, filter, after, limit);
}

base::Result<core::UnreadCounts> SqliteStore::CountUnread(std::int64_t workspace_id,
                                                          core::Folder channels_folder) {
  Lock lock(mutex_);
  return sqlite::CountUnread(*db_, workspace_id, channels_folder);
}

base::Result<core::ConversationSummary> SqliteStore::LoadSummary(std::int64_t workspace_id,
                                                                 std::int64_t conversation_id) {
  Lock lock(mutex_);
  return sqlite::LoadSummary(*db_, workspace_id, conversation_id);
}

base::Result<core::MessagePage> SqliteStore::ListMessages(std::int64_t workspace_id,
                                                          std::int64_t conversation_id,
                                                          std::optional<std::int64_t> before,
                                                          std::size_t limit) {
  Lock lock(mutex_);
  return sqlite::ListMessages(*db_, workspace_id, conversation_id, before, limit);
}

base::Result<core::ConversationSummary> SqliteStore::ChangeConversation(
    std::int64_t workspace_id, std::int64_t conversation_id, const core::ConversationChange& change,
    const std::string& user, base::TimePoint at) {
  Lock lock(mutex_);
  return sqlite::ChangeConversation(*db_, workspace_id, conversation_id, change, user, at);
}

base::Result<core::ConversationSummary> SqliteStore::MarkRead(std::int64_t workspace_id,
                                                              std::int64_t conversation_id) {
  Lock lock(mutex_);
  return sqlite::MarkRead(*db_, workspace_id, conversation_id);
}

base::Result<core::Lead> SqliteStore::LoadLead(std::int64_t workspace_id, std::int64_t contact_id) {
  Lock lock(mutex_);
  return sqlite::LoadLead(*db_, workspace_id, contact_id);
}

base::Result<core::Lead> SqliteStore::EditLead(std::int64_t workspace_id, std::int64_t contact_id,
                                               const core::LeadChange& change,
                                               const std::string& user, base::TimePoint at) {
  Lock lock(mutex_);
  return sqlite::EditLead(*db_, workspace_id, contact_id, change, user, at);
}

base::Result<core::Lead> SqliteStore::EditAnswer(std::int64_t workspace_id, std::int64_t contact_id,
                                                 std::int64_t answer_id, const std::string& answer,
                                                 const std::string& user, base::TimePoint at) {
  Lock lock(mutex_);
  return sqlite::EditAnswer(*db_, workspace_id, contact_id, answer_id, answer, user, at);
}

base::Result<core::LeadNote> SqliteStore::AddNote(std::int64_t workspace_id,
                                                  std::int64_t contact_id, const std::string& text,
                                                  const std::string& user, base::TimePoint at) {
  Lock lock(mutex_);
  return sqlite::AddNote(*db_, workspace_id, contact_id, text, user, at);
}

base::Result<std::vector<core::LeadEdit>> SqliteStore::ListLeadEdits(std::int64_t workspace_id,
                                                                     std::int64_t contact_id) {
  Lock lock(mutex_);
  return sqlite::ListLeadEdits(*db_, workspace_id, contact_id);
}

base::Result<core::NotificationPage> SqliteStore::PageNotifications(
    std::int64_t workspace_id, std::optional<std::int64_t> before, std::size_t limit) {
  Lock lock(mutex_);
  return sqlite::PageNotifications(*db_, workspace_id, before, limit);
}

base::Status SqliteStore::MarkNotificationRead(std::int64_t workspace_id,
                                               std::int64_t notification_id) {
  Lock lock(mutex_);
  return sqlite::MarkNotificationRead(*db_, workspace_id, notification_id);
}

base::Status SqliteStore::MarkAllNotificationsRead(std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::MarkAllNotificationsRead(*db_, workspace_id);
}

base::Status SqliteStore::SaveChannelAccount(const core::ChannelAccount& account) {
  Lock lock(mutex_);
  return sqlite::SaveChannelAccount(*db_, account);
}

base::Result<core::ChannelAccount> SqliteStore::FindChannelAccount(core::Channel channel,
                                                                   const std::string& account_id) {
  Lock lock(mutex_);
  return sqlite::FindChannelAccount(*db_, channel, account_id);
}

base::Result<std::vector<core::ChannelAccount>> SqliteStore::ListChannelAccounts(
    core::Channel channel) {
  Lock lock(mutex_);
  return sqlite::ListChannelAccounts(*db_, channel);
}

base::Status SqliteStore::SetChannelStatus(core::Channel channel, const std::string& account_id,
                                           core::ChannelStatus status) {
  Lock lock(mutex_);
  return sqlite::SetChannelStatus(*db_, channel, account_id, status);
}

base::Result<std::vector<core::ChannelAccount>> SqliteStore::ListWorkspaceChannelAccounts(
    std::int64_t workspace_id) {
  Lock lock(mutex_);
  return sqlite::ListWorkspaceChannelAccounts(*db_, workspace_id);
}

base::Status SqliteStore::DeleteChannelAccount(std::int64_t workspace_id, core::Channel channel,
                                               const std::string& account_id) {
  Lock lock(mutex_);
  return sqlite::DeleteChannelAccount(*db_, workspace_id, channel, account_id);
}

}  // namespace store
