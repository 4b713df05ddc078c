// A workspace's agent configuration (a draft, and the published version the live agent reads)
// and the versions a cached agent compares, on either backend's connection: core::Store's
// configuration calls, with its contracts (core/store.h). Each function expects its caller to
// serialize access to `db`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "core/store.h"
#include "store/config_codec.h"
#include "store/sql/statements.h"
#include "store/sql/workspaces.h"

namespace store::sql {
namespace configs {

inline constexpr const char* kNoDraft = "no draft was saved";
inline constexpr const char* kNothingPublished = "nothing was published";

// The JSON and counter (revision or version) of the draft or the published copy.
struct StoredConfig {
  std::string json;
  std::int64_t counter = 0;
};

// The draft (kSelectDraft) or the published copy (kSelectPublished); kNotFound `missing` when
// there is none.
inline constexpr std::string_view kSelectDraft =
    "SELECT draft_json, draft_revision FROM agent_configs"
    " WHERE workspace_id = $1 AND draft_json IS NOT NULL";
inline constexpr std::string_view kSelectPublished =
    "SELECT published_json, published_version FROM agent_configs"
    " WHERE workspace_id = $1 AND published_json IS NOT NULL";
base::Result<StoredConfig> SelectConfig(auto& db, std::string_view sql, std::int64_t workspace_id,
                                        const char* missing) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound(missing);
  return StoredConfig{q->Text(0), q->Int64(1)};
}

// The integer of the one row `sql` with `args` returns.
base::Result<std::int64_t> ReturnedInt(auto& db, std::string_view sql, const auto&... args) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(args...).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::Internal("database error: no row returned");
  return q->Int64(0);
}

}  // namespace configs

base::Result<std::int64_t> SaveDraft(auto& db, std::int64_t workspace_id,
                                     const core::AgentConfig& config) {
  static constexpr std::string_view kUpsert =
      "INSERT INTO agent_configs (workspace_id, draft_json, draft_revision) VALUES ($1, $2, 1)"
      " ON CONFLICT (workspace_id) DO UPDATE SET draft_json = excluded.draft_json,"
      " draft_revision = agent_configs.draft_revision + 1 RETURNING draft_revision";
  const std::string json = EncodeConfig(config);
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found.error();
  base::Result<std::int64_t> revision = configs::ReturnedInt(db, kUpsert, workspace_id, json);
  if (!revision.ok()) return revision;
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return revision;
}

base::Result<core::Draft> LoadDraft(auto& db, std::int64_t workspace_id) {
  base::Result<configs::StoredConfig> stored =
      configs::SelectConfig(db, configs::kSelectDraft, workspace_id, configs::kNoDraft);
  if (!stored.ok()) return stored.error();
  base::Result<core::AgentConfig> config = DecodeConfig(stored->json);
  if (!config.ok()) return config.error();
  return core::Draft{std::move(*config), stored->counter};
}

base::Result<std::int64_t> Publish(auto& db, std::int64_t workspace_id,
                                   std::int64_t draft_revision) {
  static constexpr std::string_view kPublish =
      "UPDATE agent_configs SET published_json = draft_json,"
      " published_version = published_version + 1"
      " WHERE workspace_id = $1 AND draft_revision = $2 RETURNING published_version";
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  {
    base::Result<configs::StoredConfig> draft =
        configs::SelectConfig(db, configs::kSelectDraft, workspace_id, configs::kNoDraft);
    if (!draft.ok()) return draft.error();
    if (draft->counter != draft_revision) {
      return base::Error::Conflict("the draft changed since revision " +
                                   std::to_string(draft_revision) + " (now " +
                                   std::to_string(draft->counter) + "): validate it again");
    }
  }
  // The revision is compared again where the row is written: a save on another instance between
  // the two is a conflict too.
  std::int64_t version = 0;
  {
    auto q = db.Prepare(kPublish);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(workspace_id, draft_revision).Step();
    if (!row.ok()) return row.error();
    if (!*row) {
      return base::Error::Conflict("the draft changed since revision " +
                                   std::to_string(draft_revision) + ": validate it again");
    }
    version = q->Int64(0);
  }
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return version;
}

base::Status DiscardDraft(auto& db, std::int64_t workspace_id) {
  static constexpr std::string_view kDiscard =
      "UPDATE agent_configs SET draft_json = published_json, draft_revision = draft_revision + 1"
      " WHERE workspace_id = $1 AND published_json IS NOT NULL";
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  if (base::Status done = RunStatement(db, kDiscard, workspace_id); !done.ok()) return done;
  if (db.Changes() == 0) return base::Error::NotFound(configs::kNothingPublished);
  return txn->Commit();
}

base::Result<core::PublishedConfig> LoadPublished(auto& db, std::int64_t workspace_id) {
  base::Result<configs::StoredConfig> stored = configs::SelectConfig(
      db, configs::kSelectPublished, workspace_id, configs::kNothingPublished);
  if (!stored.ok()) return stored.error();
  base::Result<core::AgentConfig> config = DecodeConfig(stored->json);
  if (!config.ok()) return config.error();
  return core::PublishedConfig{std::move(*config), stored->counter};
}

base::Result<core::AgentVersion> LoadAgentVersion(auto& db, std::int64_t workspace_id) {
  static constexpr std::string_view kSelect =
      "SELECT (SELECT published_version FROM agent_configs WHERE workspace_id = w.id),"
      " (SELECT version FROM catalog_versions WHERE workspace_id = w.id)"
      " FROM workspaces w WHERE w.id = $1";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no such workspace");
  return core::AgentVersion{q->OptionalInt64(0).value_or(0), q->OptionalInt64(1).value_or(0)};
}

base::Result<core::AgentVersion> LoadBuiltAgentVersion(auto& db, std::int64_t workspace_id) {
  static constexpr std::string_view kSelect =
      "SELECT built_config_version, built_catalog_version FROM workspaces WHERE id = $1";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no such workspace");
  return core::AgentVersion{q->Int64(0), q->Int64(1)};
}

base::Status RecordBuiltAgent(auto& db, std::int64_t workspace_id,
                              const core::AgentVersion& version) {
  static constexpr std::string_view kRecord =
      "UPDATE workspaces SET built_config_version = $2, built_catalog_version = $3"
      " WHERE id = $1 AND built_config_version <= $2 AND built_catalog_version <= $3";
  auto q = db.Prepare(kRecord);
  if (!q.ok()) return q.error();
  if (base::Status done =
          q->BindAll(workspace_id, version.config_version, version.catalog_version).Run();
      !done.ok()) {
    return done;
  }
  if (db.Changes() > 0) return base::Status::Ok();
  // Nothing changed: a newer build was recorded, or there is no such workspace.
  base::Result<core::AgentVersion> recorded = LoadBuiltAgentVersion(db, workspace_id);
  if (!recorded.ok()) return recorded.error();
  return base::Status::Ok();
}

}  // namespace store::sql
