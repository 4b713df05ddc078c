// The core::Store of the embedded backend, on a DatabaseFile. Its methods are defined beside the
// queries of their concept: workspace_repository.cpp (workspaces, named values),
// config_repository.cpp, catalog_repository.cpp, conversation_repository.cpp (conversations,
// contacts), decision_writer.cpp (Commit), timer_repository.cpp, notification_repository.cpp,
// timeline_repository.cpp, outbox_repository.cpp (HasMessage).
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
//     decision_writer.h). It keeps a contact's name a user set (EditLead) over the decision's
//     contact_name.
//   - Message text enters the search index in batches (search_indexer.h): a Commit that brings
//     this process's unindexed messages to kSearchIndexBatch indexes them.
//   - FindConversation, LoadConversation, LoadAgentVersion, DueTimers and CountDueTimers read on
//     the read-only connection while the writer is busy (DatabaseFile::Read).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <span>

#include "core/store.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/group_commit.h"

namespace store::sqlite {

class Store final : public core::Store {
 public:
  // `file` is borrowed and must outlive the adapter.
  explicit Store(DatabaseFile& file) : file_(file) {}

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
  base::Status Atomically(const std::function<base::Status()>& work) override;
  base::Status PutValue(std::int64_t workspace_id, const std::string& key,
                        const std::string& value) override;

 private:
  // Group commit (group_commit.h) of decisions committed outside Atomically: concurrent callers
  // share one transaction.
  struct PendingCommit;
  void WriteCommits(std::span<GroupedWrite* const> batch);

  DatabaseFile& file_;
  GroupCommit commits_{[this](auto batch) { WriteCommits(batch); }};
};

}  // namespace store::sqlite
