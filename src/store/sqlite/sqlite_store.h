// SqliteStore: the embedded core::Store (with the core::Outbox, core::ChannelAccounts,
// core::Users, core::Crm and core::Webhooks ports), one SQLite database file holding every
// workspace. The raw webhook deliveries (core::Inbox) are in a file of their own beside it
// (sqlite::InboxRepository); Open moves those an older release kept here into it.
//
// Usage:
//   base::Result<std::unique_ptr<store::SqliteStore>> db = store::SqliteStore::Open("fd.db");
//   if (!db.ok()) ...;  // kUnavailable naming the path
//   core::Store& store = **db;
//
// Every method implements its core::Store contract (core/store.h). On top of it:
//   - DueTimers orders timers due at the same instant by conversation id.
//   - ListNotifications orders by time, newest first; ListAudit by time, oldest first (ties in
//     insertion order). LoadContact and snapshots list answers in insertion order.
//   - NextTimer and GetValue return nullopt for an unknown workspace; SaveDraft, ReplaceCatalog,
//     ClearCatalog, LoadCatalog and PutValue return kNotFound for one.
//   - Commit outside Atomically (the reply pool's threads) commits concurrent decisions together
//     (group commit): one transaction, and one WAL write, each decision keeping its own
//     all-or-none result (a savepoint); inside Atomically it joins that transaction.
//   - Commit also fills, in the returned decision, the conversation's workspace, contact and
//     channel as stored, each notification's contact and each answer's id (see
//     sqlite/decision_writer.h). It keeps a contact's name a user set (EditLead) over the
//     decision's contact_name.
//   - PageNotifications pages by id (the order notifications were stored in).
//   - Message text enters the search index in batches (sqlite/search_indexer.h): a Commit that
//     brings this process's unindexed messages to kSearchIndexBatch indexes them, and a
//     ListConversations with a search first indexes every message committed before it. A batch
//     that fails is retried by the next one; the commits stand.
//
// Thread-safety: every method may be called from any thread. One connection, guarded by a mutex,
// serves them one at a time (but LoadConversation, LoadAgentVersion, DueTimers and
// CountDueTimers, which a second, read-only connection serves beside it): the engine runs a single
// writer, and SQLite serializes writers anyway. Several processes may open the same file (WAL); a
// lock held past sqlite::kBusyTimeout fails the call with kUnavailable.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/channel_account.h"
#include "core/crm.h"
#include "core/outbox.h"
#include "core/store.h"
#include "core/user.h"
#include "core/webhook.h"
#include "store/sqlite/group_commit.h"

namespace store {
namespace sqlite {
class Checkpointer;
class Connection;
}  // namespace sqlite

class SqliteStore final : public core::Store,
                          public core::Outbox,
                          public core::ChannelAccounts,
                          public core::Users,
                          public core::Crm,
                          public core::Webhooks {
 public:
  // Opens the database file at `path`, creating it when missing, and applies the migrations it
  // lacks. kUnavailable, naming `path` and the reason, when the file cannot be opened or is not a
  // database; kFailedPrecondition when a newer frontdesk wrote its schema.
  static base::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  base::Result<core::Workspace> CreateWorkspace(const std::string& slug) override;
  base::Result<core::Workspace> FindWorkspace(const std::string& slug) override;

  base::Result<std::int64_t> SaveDraft(std::int64_t workspace_id,
                                       const core::AgentConfig& config) override;
  base::Result<core::Draft> LoadDraft(std::int64_t workspace_id) override;
  base::Result<std::int64_t> Publish(std::int64_t workspace_id,
                                     std::int64_t draft_revision) override;
  base::Status DiscardDraft(std::int64_t workspace_id) override;
  base::Result<core::PublishedConfig> LoadPublished(std::int64_t workspace_id) override;
  base::Result<core::AgentVersion> LoadAgentVersion(std::int64_t workspace_id) override;
  base::Result<bool> HasMessage(std::int64_t workspace_id,
                                const std::string& provider_message_id) override;

  base::Result<std::int64_t> ReplaceCatalog(std::int64_t workspace_id,
                                            std::span<const core::Product> products) override;
  base::Result<std::int64_t> ClearCatalog(std::int64_t workspace_id) override;
  base::Result<core::Catalog> LoadCatalog(std::int64_t workspace_id) override;

  base::Result<core::ConversationSnapshot> OpenConversation(const core::ConversationKey& key,
                                                            std::size_t history_limit) override;
  base::Result<std::optional<core::ConversationSnapshot>> FindConversation(
      const core::ConversationKey& key, std::size_t history_limit) override;
  base::Result<core::ConversationSnapshot> LoadConversation(std::int64_t workspace_id,
                                                            std::int64_t conversation_id,
                                                            std::size_t history_limit) override;
  base::Result<core::Decision> Commit(std::int64_t workspace_id,
                                      const core::Decision& decision) override;

  base::Result<std::vector<core::DueTimer>> DueTimers(core::TimerKind kind, base::TimePoint now,
                                                      std::size_t limit) override;
  base::Result<std::size_t> CountDueTimers(core::TimerKind kind, base::TimePoint now) override;
  base::Result<std::optional<base::TimePoint>> NextTimer(std::int64_t workspace_id) override;

  base::Result<core::Contact> LoadContact(std::int64_t workspace_id,
                                          std::int64_t contact_id) override;
  base::Result<std::vector<core::Notification>> ListNotifications(std::int64_t workspace_id,
                                                                  std::size_t limit) override;
  base::Result<std::vector<core::AuditEvent>> ListAudit(std::int64_t workspace_id,
                                                        std::int64_t conversation_id) override;

  base::Result<std::optional<std::string>> GetValue(std::int64_t workspace_id,
                                                    const std::string& key) override;
  base::Result<core::User> CreateUser(std::string_view email, const std::string& password_hash,
                                      base::TimePoint at) override;
  base::Result<core::User> FindUserByEmail(std::string_view email) override;
  base::Status SetMembership(std::int64_t workspace_id, std::int64_t user_id,
                             core::Role role) override;
  base::Status RemoveMembership(std::int64_t workspace_id, std::int64_t user_id) override;
  base::Result<core::Role> RoleIn(std::int64_t workspace_id, std::int64_t user_id) override;
  base::Result<std::vector<core::Member>> ListMembers(std::int64_t workspace_id) override;
  base::Result<core::User> FindUser(std::int64_t user_id) override;
  base::Result<std::vector<core::Membership>> ListMemberships(std::int64_t user_id) override;
  base::Status SetPassword(std::int64_t user_id, const std::string& password_hash,
                           const std::optional<std::string>& kept_session) override;
  base::Status CreateSession(const core::Session& session) override;
  base::Result<core::Session> FindSession(const std::string& token_hash,
                                          base::TimePoint now) override;
  base::Status DeleteSession(const std::string& token_hash) override;
  base::Result<std::size_t> DeleteExpiredSessions(base::TimePoint now) override;
  base::Result<core::ApiToken> CreateApiToken(const core::ApiToken& token) override;
  base::Result<core::ApiToken> FindApiToken(const std::string& token_hash) override;
  base::Result<std::vector<core::ApiToken>> ListApiTokens(std::int64_t user_id) override;
  base::Status DeleteApiToken(std::int64_t user_id, std::int64_t token_id) override;

  base::Status Atomically(const std::function<base::Status()>& work) override;
  base::Status PutValue(std::int64_t workspace_id, const std::string& key,
                        const std::string& value) override;

  // core::Outbox
  base::Result<std::vector<core::OutboxItem>> ClaimOutbox(base::TimePoint now, std::size_t limit,
                                                          base::TimePoint lease_until) override;
  base::Result<int> RecoverOutbox() override;
  base::Status MarkSending(const std::vector<std::int64_t>& item_ids) override;
  base::Status MarkSent(const std::vector<core::SentItem>& sent) override;
  base::Result<core::OutboxDepth> MeasureOutbox(base::TimePoint now) override;
  base::Status RetryOutbox(std::int64_t item_id, base::TimePoint not_before,
                           const std::string& error) override;
  base::Status FinishUnsent(std::int64_t item_id, core::DeliveryStatus status,
                            const std::string& reason) override;
  base::Result<std::optional<core::DeliveryChange>> UpdateDelivery(
      core::Channel channel, const std::string& provider_message_id, core::DeliveryStatus status,
      const std::string& error) override;
  base::Result<std::vector<core::DeliveryChange>> UpdateDeliveryUpTo(
      core::Channel channel, const std::string& account_id, const std::string& recipient,
      base::TimePoint watermark, core::DeliveryStatus status) override;
  base::Result<bool> IsOwnSend(core::Channel channel,
                               const std::string& provider_message_id) override;
  base::Result<bool> HasSendInFlight(core::Channel channel, const std::string& account_id,
                                     const std::string& recipient, base::TimePoint now) override;

  // core::Crm
  base::Result<core::ConversationPage> ListConversations(
      std::int64_t workspace_id, const core::ConversationFilter& filter,
      const std::optional<core::ConversationCursor>& after, std::size_t limit) override;
  base::Result<core::UnreadCounts> CountUnread(std::int64_t workspace_id,
                                               core::Folder channels_folder) override;
  base::Result<core::ConversationSummary> LoadSummary(std::int64_t workspace_id,
                                                      std::int64_t conversation_id) override;
  base::Result<core::MessagePage> ListMessages(std::int64_t workspace_id,
                                               std::int64_t conversation_id,
                                               std::optional<std::int64_t> before,
                                               std::size_t limit) override;
  base::Result<core::ConversationSummary> ChangeConversation(std::int64_t workspace_id,
                                                             std::int64_t conversation_id,
                                                             const core::ConversationChange& change,
                                                             const std::string& user,
                                                             base::TimePoint at) override;
  base::Result<core::ConversationSummary> MarkRead(std::int64_t workspace_id,
                                                   std::int64_t conversation_id) override;
  base::Result<core::Lead> LoadLead(std::int64_t workspace_id, std::int64_t contact_id) override;
  base::Result<core::Lead> EditLead(std::int64_t workspace_id, std::int64_t contact_id,
                                    const core::LeadChange& change, const std::string& user,
                                    base::TimePoint at) override;
  base::Result<core::Lead> EditAnswer(std::int64_t workspace_id, std::int64_t contact_id,
                                      std::int64_t answer_id, const std::string& answer,
                                      const std::string& user, base::TimePoint at) override;
  base::Result<core::LeadNote> AddNote(std::int64_t workspace_id, std::int64_t contact_id,
                                       const std::string& text, const std::string& user,
                                       base::TimePoint at) override;
  base::Result<std::vector<core::LeadEdit>> ListLeadEdits(std::int64_t workspace_id,
                                                          std::int64_t contact_id) override;
  base::Result<core::NotificationPage> PageNotifications(std::int64_t workspace_id,
                                                         std::optional<std::int64_t> before,
                                                         std::size_t limit) override;
  base::Status MarkNotificationRead(std::int64_t workspace_id,
                                    std::int64_t notification_id) override;
  base::Status MarkAllNotificationsRead(std::int64_t workspace_id) override;

  // core::Webhooks
  base::Result<core::Webhook> CreateWebhook(std::int64_t workspace_id, const std::string& url,
                                            const std::string& secret, base::TimePoint at) override;
  base::Result<std::vector<core::Webhook>> ListWebhooks(std::int64_t workspace_id) override;
  base::Status DeleteWebhook(std::int64_t workspace_id, std::int64_t webhook_id) override;
  base::Result<std::vector<core::WebhookDelivery>> ClaimWebhookDeliveries(
      base::TimePoint now, std::size_t limit, base::TimePoint lease_until) override;
  base::Status FinishWebhookDelivery(std::int64_t delivery_id) override;
  base::Status FailWebhookDelivery(std::int64_t delivery_id,
                                   std::optional<base::TimePoint> next_attempt,
                                   const std::string& error) override;

  // core::ChannelAccounts
  base::Status SaveChannelAccount(const core::ChannelAccount& account) override;
  base::Result<core::ChannelAccount> FindChannelAccount(core::Channel channel,
                                                        const std::string& account_id) override;
  base::Result<std::vector<core::ChannelAccount>> ListChannelAccounts(
      core::Channel channel) override;
  base::Status SetChannelStatus(core::Channel channel, const std::string& account_id,
                                core::ChannelStatus status) override;
  base::Result<std::vector<core::ChannelAccount>> ListWorkspaceChannelAccounts(
      std::int64_t workspace_id) override;
  base::Status DeleteChannelAccount(std::int64_t workspace_id, core::Channel channel,
                                    const std::string& account_id) override;

  // For the adapters of the ports this class does not implement (sqlite/media_repository.h):
  // runs `work(sqlite::Connection&)` on the writer connection, inside the transaction of
  // Atomically when this thread runs one.
  template <typename Work>
  auto Writing(Work work) {
    std::lock_guard lock(mutex_);
    return work(*db_);
  }

 private:
  SqliteStore(std::unique_ptr<sqlite::Connection> db, std::unique_ptr<sqlite::Connection> reader,
              std::unique_ptr<sqlite::Checkpointer> checkpointer);

  // Runs `read` (a function of a sqlite::Connection&) on the writer connection when it is free
  // (its page cache is warm: SQLite drops a connection's cache whenever another one wrote), else
  // on the reader connection, which a write transaction never blocks (WAL): the reply pool's
  // snapshots do not wait behind the intake. Inside Atomically on this thread it runs on the
  // writer, to see that transaction.
  template <typename Read>
  auto Reading(Read read);

  // Group commit (group_commit.h) of decisions committed outside Atomically: concurrent callers
  // share one transaction.
  struct PendingCommit;
  void WriteCommits(std::span<sqlite::GroupedWrite* const> batch);

  // Counts `appended` messages and indexes the waiting ones once they make a batch.
  // REQUIRES: mutex_ held.
  void IndexWhenDue(std::size_t appended);

  // Recursive: the calls made inside Atomically lock it again on the same thread.
  std::recursive_mutex mutex_;
  std::unique_ptr<sqlite::Connection> db_;  // guarded by mutex_
  std::size_t unindexed_ = 0;               // messages committed since the last batch; mutex_
  std::unique_ptr<sqlite::Checkpointer> checkpointer_;
  std::mutex reader_mutex_;
  std::unique_ptr<sqlite::Connection> reader_;  // guarded by reader_mutex_

  sqlite::GroupCommit commits_{[this](auto batch) { WriteCommits(batch); }};
};

}  // namespace store
