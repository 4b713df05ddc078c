// The core::Store adapter both backends share, its SQL in the concept headers beside it
// (configs.h, catalogs.h, conversations.h, decisions.h, timers.h, timeline.h, notifications.h).
// `Backend` is sqlite::DatabaseFile or postgres::Pool (instantiated for both in the .cpp).
//
// Every method implements its core::Store contract (core/store.h). On top of it:
//   - DueTimers orders timers due at the same instant by conversation id.
//   - ListNotifications orders by time, newest first; ListAudit by time, oldest first (ties in
//     insertion order). LoadContact and snapshots list answers in insertion order.
//   - NextTimer and GetValue return nullopt for an unknown workspace; SaveDraft, ReplaceCatalog,
//     ClearCatalog, LoadCatalog and PutValue return kNotFound for one.
//   - Commit also fills, in the returned decision, the conversation's workspace, contact and
//     channel as stored, each notification's contact and each answer's id (see decisions.h). It
//     keeps a contact's name a user set (EditLead) over the decision's contact_name. A refused
//     Commit (kConflict, kAlreadyExists, kNotFound) writes nothing, inside Atomically too.
//   - On SQLite: Commit outside Atomically commits concurrent decisions together (group commit,
//     sqlite::DatabaseFile::CommitDecision); message text enters the search index in batches
//     (sqlite/search_indexer.h); FindConversation, LoadConversation, LoadAgentVersion, DueTimers
//     and CountDueTimers read on the read-only connection while the writer is busy.
//   - On PostgreSQL: concurrent Commits run side by side; one of the same conversation waits for
//     the other's transaction, then finds the version moved (kConflict).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <span>

#include "core/store.h"

namespace store::sqlite {
class DatabaseFile;
}
namespace store::postgres {
class Pool;
}

namespace store::sql {

template <typename Backend>
class Store final : public core::Store {
 public:
  // `backend` is borrowed and must outlive the adapter.
  explicit Store(Backend& backend) : backend_(backend) {}

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
  base::Result<core::AgentVersion> LoadBuiltAgentVersion(std::int64_t workspace_id) override;
  base::Status RecordBuiltAgent(std::int64_t workspace_id,
                                const core::AgentVersion& version) override;
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
  base::Result<std::vector<core::DueTimer>> ClaimTimers(core::TimerKind kind, base::TimePoint now,
                                                        std::size_t limit,
                                                        base::TimePoint lease_until) override;
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
  Backend& backend_;
};

// How each backend claims timers (a lease on PostgreSQL, none on SQLite): in store.cpp.
template <>
base::Result<std::vector<core::DueTimer>> Store<sqlite::DatabaseFile>::ClaimTimers(
    core::TimerKind kind, base::TimePoint now, std::size_t limit, base::TimePoint lease_until);
template <>
base::Result<std::vector<core::DueTimer>> Store<postgres::Pool>::ClaimTimers(
    core::TimerKind kind, base::TimePoint now, std::size_t limit, base::TimePoint lease_until);

}  // namespace store::sql
