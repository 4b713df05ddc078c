// The agent configuration of each workspace: one draft and one published copy, both JSON
// (config_codec.h). Every function expects its caller to serialize access to `db` and implements
// the core::Store method of the same name.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "core/agent_config.h"
#include "core/store.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<std::int64_t> SaveDraft(Connection& db, std::int64_t workspace_id,
                                     const core::AgentConfig& config);
base::Result<core::Draft> LoadDraft(Connection& db, std::int64_t workspace_id);
base::Result<std::int64_t> Publish(Connection& db, std::int64_t workspace_id,
                                   std::int64_t draft_revision);
base::Status DiscardDraft(Connection& db, std::int64_t workspace_id);
base::Result<core::PublishedConfig> LoadPublished(Connection& db, std::int64_t workspace_id);

// kNotFound for an unknown workspace.
base::Result<core::AgentVersion> LoadAgentVersion(Connection& db, std::int64_t workspace_id);

}  // namespace store::sqlite
