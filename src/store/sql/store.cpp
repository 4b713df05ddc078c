#include "store/sql/store.h"

#include "store/postgres/pool.h"
#include "store/postgres/timer_claims.h"
#include "store/postgres/transaction.h"
#include "store/sql/catalogs.h"
#include "store/sql/configs.h"
#include "store/sql/conversations.h"
#include "store/sql/decisions.h"
#include "store/sql/notifications.h"
#include "store/sql/statements.h"
#include "store/sql/timeline.h"
#include "store/sql/timers.h"
#include "store/sql/workspaces.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/transaction.h"

namespace store::sql {
namespace {

constexpr std::string_view kInsertWorkspace =
    "INSERT INTO workspaces (slug) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id";
constexpr std::string_view kSelectWorkspace = "SELECT id FROM workspaces WHERE slug = $1";
constexpr std::string_view kSelectValue =
    "SELECT value FROM kv WHERE workspace_id = $1 AND key = $2";
constexpr std::string_view kUpsertValue =
    "INSERT INTO kv (workspace_id, key, value) VALUES ($1, $2, $3)"
    " ON CONFLICT (workspace_id, key) DO UPDATE SET value = excluded.value";

}  // namespace

template <typename Backend>
base::Result<core::Workspace> Store<Backend>::CreateWorkspace(const std::string& slug) {
  if (!core::IsValidSlug(slug)) {
    return base::Error::InvalidArgument(
        "invalid workspace slug '" + slug +
        "': use 1 to 63 of a-z, 0-9 and '-', not starting or ending with '-'");
  }
  return backend_.Writing([&](auto& db) -> base::Result<core::Workspace> {
    auto q = db.Prepare(kInsertWorkspace);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(slug).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::AlreadyExists("workspace '" + slug + "' already exists");
    return core::Workspace{q->Int64(0), slug};
  });
}

template <typename Backend>
base::Result<core::Workspace> Store<Backend>::FindWorkspace(const std::string& slug) {
  return backend_.Writing([&](auto& db) -> base::Result<core::Workspace> {
    auto q = db.Prepare(kSelectWorkspace);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(slug).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("no workspace '" + slug + "'");
    return core::Workspace{q->Int64(0), slug};
  });
}

template <typename Backend>
base::Result<std::optional<std::string>> Store<Backend>::GetValue(std::int64_t workspace_id,
                                                                  const std::string& key) {
  return backend_.Writing([&](auto& db) -> base::Result<std::optional<std::string>> {
    auto q = db.Prepare(kSelectValue);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(workspace_id, key).Step();
    if (!row.ok()) return row.error();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(q->Text(0));
  });
}

template <typename Backend>
base::Status Store<Backend>::PutValue(std::int64_t workspace_id, const std::string& key,
                                      const std::string& value) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found;
    if (base::Status done = RunStatement(db, kUpsertValue, workspace_id, key, value); !done.ok()) {
      return done;
    }
    return txn->Commit();
  });
}

template <typename Backend>
base::Result<std::int64_t> Store<Backend>::SaveDraft(std::int64_t workspace_id,
                                                     const core::AgentConfig& config) {
  return backend_.Writing([&](auto& db) { return sql::SaveDraft(db, workspace_id, config); });
}

template <typename Backend>
base::Result<core::Draft> Store<Backend>::LoadDraft(std::int64_t workspace_id) {
  return backend_.Writing([&](auto& db) { return sql::LoadDraft(db, workspace_id); });
}

template <typename Backend>
base::Result<std::int64_t> Store<Backend>::Publish(std::int64_t workspace_id,
                                                   std::int64_t draft_revision) {
  return backend_.Writing([&](auto& db) { return sql::Publish(db, workspace_id, draft_revision); });
}

template <typename Backend>
base::Status Store<Backend>::DiscardDraft(std::int64_t workspace_id) {
  return backend_.Writing([&](auto& db) { return sql::DiscardDraft(db, workspace_id); });
}

template <typename Backend>
base::Result<core::PublishedConfig> Store<Backend>::LoadPublished(std::int64_t workspace_id) {
  return backend_.Writing([&](auto& db) { return sql::LoadPublished(db, workspace_id); });
}

template <typename Backend>
base::Result<core::AgentVersion> Store<Backend>::LoadAgentVersion(std::int64_t workspace_id) {
  return backend_.Reading([&](auto& db) { return sql::LoadAgentVersion(db, workspace_id); });
}

template <typename Backend>
base::Result<core::AgentVersion> Store<Backend>::LoadBuiltAgentVersion(std::int64_t workspace_id) {
  return backend_.Reading([&](auto& db) { return sql::LoadBuiltAgentVersion(db, workspace_id); });
}

template <typename Backend>
base::Status Store<Backend>::RecordBuiltAgent(std::int64_t workspace_id,
                                              const core::AgentVersion& version) {
  return backend_.Writing(
      [&](auto& db) { return sql::RecordBuiltAgent(db, workspace_id, version); });
}

template <typename Backend>
base::Result<std::int64_t> Store<Backend>::ReplaceCatalog(std::int64_t workspace_id,
                                                          std::span<const core::Product> products) {
  return backend_.Writing(
      [&](auto& db) { return sql::ReplaceCatalog(db, workspace_id, products); });
}

template <typename Backend>
base::Result<std::int64_t> Store<Backend>::ClearCatalog(std::int64_t workspace_id) {
  return ReplaceCatalog(workspace_id, {});
}

template <typename Backend>
base::Result<core::Catalog> Store<Backend>::LoadCatalog(std::int64_t workspace_id) {
  return backend_.Writing([&](auto& db) { return sql::LoadCatalog(db, workspace_id); });
}

template <typename Backend>
base::Result<std::optional<core::ConversationSnapshot>> Store<Backend>::FindConversation(
    const core::ConversationKey& key, std::size_t history_limit) {
  return backend_.Reading([&](auto& db) -> base::Result<std::optional<core::ConversationSnapshot>> {
    auto txn = BeginRead(db);
    if (!txn.ok()) return txn.error();
    auto found = FindSnapshot(db, key, history_limit);
    if (!found.ok()) return found.error();
    if (base::Status done = txn->Commit(); !done.ok()) return done.error();
    return found;
  });
}

template <typename Backend>
base::Result<core::ConversationSnapshot> Store<Backend>::OpenConversation(
    const core::ConversationKey& key, std::size_t history_limit) {
  // The common case, an existing conversation, only reads, without waiting for the writer.
  auto existing = FindConversation(key, history_limit);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) return std::move(**existing);
  return backend_.Writing([&](auto& db) -> base::Result<core::ConversationSnapshot> {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    if (base::Status created = CreateConversation(db, key); !created.ok()) return created.error();
    auto found = FindSnapshot(db, key, history_limit);
    if (!found.ok()) return found.error();
    if (!found->has_value()) return base::Error::Internal("database error: conversation vanished");
    if (base::Status done = txn->Commit(); !done.ok()) return done.error();
    return std::move(**found);
  });
}

template <typename Backend>
base::Result<core::ConversationSnapshot> Store<Backend>::LoadConversation(
    std::int64_t workspace_id, std::int64_t conversation_id, std::size_t history_limit) {
  return backend_.Reading([&](auto& db) -> base::Result<core::ConversationSnapshot> {
    auto txn = BeginRead(db);
    if (!txn.ok()) return txn.error();
    auto found = FindSnapshot(db, workspace_id, conversation_id, history_limit);
    if (!found.ok()) return found.error();
    if (!found->has_value()) return base::Error::NotFound("conversation not found");
    return std::move(**found);
  });
}

template <typename Backend>
base::Result<core::Decision> Store<Backend>::Commit(std::int64_t workspace_id,
                                                    const core::Decision& decision) {
  return backend_.CommitDecision(
      [&](auto& db) { return CommitDecision(db, workspace_id, decision); });
}

template <typename Backend>
base::Result<bool> Store<Backend>::HasMessage(std::int64_t workspace_id,
                                              const std::string& provider_message_id) {
  return backend_.Writing(
      [&](auto& db) { return sql::HasMessage(db, workspace_id, provider_message_id); });
}

template <typename Backend>
base::Result<std::vector<core::DueTimer>> Store<Backend>::DueTimers(core::TimerKind kind,
                                                                    base::TimePoint now,
                                                                    std::size_t limit) {
  return backend_.Reading([&](auto& db) { return sql::DueTimers(db, kind, now, limit); });
}

template <>
base::Result<std::vector<core::DueTimer>> Store<sqlite::DatabaseFile>::ClaimTimers(
    core::TimerKind kind, base::TimePoint now, std::size_t limit, base::TimePoint) {
  return DueTimers(kind, now, limit);  // nobody else claims from a file one instance serves
}

template <>
base::Result<std::vector<core::DueTimer>> Store<postgres::Pool>::ClaimTimers(
    core::TimerKind kind, base::TimePoint now, std::size_t limit, base::TimePoint lease_until) {
  return backend_.Writing([&](postgres::Connection& db) {
    return ClaimDueTimers(db, kind, now, limit, lease_until, backend_.instance());
  });
}

template <typename Backend>
base::Result<std::size_t> Store<Backend>::CountDueTimers(core::TimerKind kind,
                                                         base::TimePoint now) {
  return backend_.Reading([&](auto& db) { return sql::CountDueTimers(db, kind, now); });
}

template <typename Backend>
base::Result<std::optional<base::TimePoint>> Store<Backend>::NextTimer(std::int64_t workspace_id) {
  return backend_.Writing([&](auto& db) { return sql::NextTimer(db, workspace_id); });
}

template <typename Backend>
base::Result<core::Contact> Store<Backend>::LoadContact(std::int64_t workspace_id,
                                                        std::int64_t contact_id) {
  return backend_.Writing([&](auto& db) -> base::Result<core::Contact> {
    auto txn = BeginRead(db);
    if (!txn.ok()) return txn.error();
    return sql::LoadContact(db, workspace_id, contact_id);
  });
}

template <typename Backend>
base::Result<std::vector<core::Notification>> Store<Backend>::ListNotifications(
    std::int64_t workspace_id, std::size_t limit) {
  return backend_.Writing(
      [&](auto& db) { return sql::ListNotifications(db, workspace_id, limit); });
}

template <typename Backend>
base::Result<std::vector<core::AuditEvent>> Store<Backend>::ListAudit(
    std::int64_t workspace_id, std::int64_t conversation_id) {
  return backend_.Writing([&](auto& db) -> base::Result<std::vector<core::AuditEvent>> {
    auto txn = BeginRead(db);
    if (!txn.ok()) return txn.error();
    if (base::Status known = RequireConversation(db, workspace_id, conversation_id); !known.ok()) {
      return known.error();
    }
    return sql::ListAudit(db, workspace_id, conversation_id);
  });
}

template <typename Backend>
base::Status Store<Backend>::Atomically(const std::function<base::Status()>& work) {
  return backend_.Atomically(work);
}

template class Store<sqlite::DatabaseFile>;
template class Store<postgres::Pool>;

}  // namespace store::sql
