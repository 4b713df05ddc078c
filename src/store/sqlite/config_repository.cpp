#include "store/config_codec.h"
#include "store/sql/workspaces.h"
#include "store/sqlite/store.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kUpsertDraft =
    "INSERT INTO agent_configs (workspace_id, draft_json, draft_revision) VALUES (?1, ?2, 1)"
    " ON CONFLICT (workspace_id) DO UPDATE"
    " SET draft_json = excluded.draft_json, draft_revision = draft_revision + 1"
    " RETURNING draft_revision";
constexpr std::string_view kSelectDraft =
    "SELECT draft_json, draft_revision FROM agent_configs"
    " WHERE workspace_id = ?1 AND draft_json IS NOT NULL";
constexpr std::string_view kPublishDraft =
    "UPDATE agent_configs SET published_json = draft_json,"
    " published_version = published_version + 1 WHERE workspace_id = ?1"
    " RETURNING published_version";
constexpr std::string_view kSelectPublished =
    "SELECT published_json, published_version FROM agent_configs"
    " WHERE workspace_id = ?1 AND published_json IS NOT NULL";
constexpr std::string_view kDiscardDraft =
    "UPDATE agent_configs SET draft_json = published_json, draft_revision = draft_revision + 1"
    " WHERE workspace_id = ?1";

// Runs `sql` (bound to the workspace id) and returns the integer of its one RETURNING row.
base::Result<std::int64_t> RunReturning(Connection& db, std::string_view sql,
                                        std::int64_t workspace_id, const std::string* json) {
  base::Result<Query> query = db.Prepare(sql);
  if (!query.ok()) return query.error();
  query->Bind(1, workspace_id);
  if (json != nullptr) query->Bind(2, *json);
  base::Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::Internal("database error: no row returned");
  return query->Int64(0);
}

// The JSON and counter of the draft (kSelectDraft) or published copy (kSelectPublished).
struct StoredConfig {
  std::string json;
  std::int64_t counter = 0;
};

base::Result<StoredConfig> SelectConfig(Connection& db, std::string_view sql,
                                        std::int64_t workspace_id, const char* missing) {
  base::Result<Query> query = db.Prepare(sql);
  if (!query.ok()) return query.error();
  base::Result<bool> row = query->BindAll(workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound(missing);
  return StoredConfig{query->Text(0), query->Int64(1)};
}

constexpr std::string_view kSelectAgentVersion =
    "SELECT (SELECT published_version FROM agent_configs WHERE workspace_id = w.id),"
    " (SELECT version FROM catalog_versions WHERE workspace_id = w.id)"
    " FROM workspaces w WHERE w.id = ?1";

constexpr const char* kNoDraft = "no draft was saved";
constexpr const char* kNothingPublished = "nothing was published";

}  // namespace

base::Result<std::int64_t> Store::SaveDraft(std::int64_t workspace_id,
                                            const core::AgentConfig& config) {
  auto [lock, db] = file_.Write();
  const std::string json = EncodeConfig(config);
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found.error();
  base::Result<std::int64_t> revision = RunReturning(db, kUpsertDraft, workspace_id, &json);
  if (!revision.ok()) return revision;
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return revision;
}

base::Result<core::Draft> Store::LoadDraft(std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<StoredConfig> stored = SelectConfig(db, kSelectDraft, workspace_id, kNoDraft);
  if (!stored.ok()) return stored.error();
  base::Result<core::AgentConfig> config = DecodeConfig(stored->json);
  if (!config.ok()) return config.error();
  return core::Draft{std::move(*config), stored->counter};
}

base::Result<std::int64_t> Store::Publish(std::int64_t workspace_id, std::int64_t draft_revision) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  {
    base::Result<StoredConfig> draft = SelectConfig(db, kSelectDraft, workspace_id, kNoDraft);
    if (!draft.ok()) return draft.error();
    if (draft->counter != draft_revision) {
      return base::Error::Conflict("the draft changed since revision " +
                                   std::to_string(draft_revision) + " (now " +
                                   std::to_string(draft->counter) + "): validate it again");
    }
  }
  base::Result<std::int64_t> version = RunReturning(db, kPublishDraft, workspace_id, nullptr);
  if (!version.ok()) return version;
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return version;
}

base::Status Store::DiscardDraft(std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  {
    base::Result<StoredConfig> published =
        SelectConfig(db, kSelectPublished, workspace_id, kNothingPublished);
    if (!published.ok()) return published.error();
  }
  {
    base::Result<Query> discard = db.Prepare(kDiscardDraft);
    if (!discard.ok()) return discard.error();
    if (base::Status done = discard->BindAll(workspace_id).Run(); !done.ok()) return done;
  }
  return txn->Commit();
}

base::Result<core::PublishedConfig> Store::LoadPublished(std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<StoredConfig> stored =
      SelectConfig(db, kSelectPublished, workspace_id, kNothingPublished);
  if (!stored.ok()) return stored.error();
  base::Result<core::AgentConfig> config = DecodeConfig(stored->json);
  if (!config.ok()) return config.error();
  return core::PublishedConfig{std::move(*config), stored->counter};
}

base::Result<core::AgentVersion> Store::LoadAgentVersion(std::int64_t workspace_id) {
  auto [lock, db] = file_.Read();
  base::Result<Query> query = db.Prepare(kSelectAgentVersion);
  if (!query.ok()) return query.error();
  base::Result<bool> row = query->BindAll(workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no such workspace");
  return core::AgentVersion{query->OptionalInt64(0).value_or(0),
                            query->OptionalInt64(1).value_or(0)};
}

}  // namespace store::sqlite
