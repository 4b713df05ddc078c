// Each conversation's audit timeline, on either backend's connection; each function expects its
// caller to serialize access to `db`.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/audit_event.h"
#include "store/enum_name.h"
#include "store/sql/statements.h"

namespace store::sql {

// Stores `event` under the workspace and returns its new id.
// REQUIRES: inside a write transaction; its conversation exists in the workspace.
base::Result<std::int64_t> InsertAudit(auto& db, std::int64_t workspace_id,
                                       const core::AuditEvent& e) {
  static constexpr std::string_view kInsert =
      "INSERT INTO audit_events (workspace_id, conversation_id, kind, actor, detail, mode_after,"
      " resume_at_ms, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
  auto q = db.Prepare(kInsert);
  if (!q.ok()) return q.error();
  base::Result<bool> row =
      q->BindAll(workspace_id, e.conversation_id, core::ToString(e.kind), e.actor, e.detail,
                 core::ToString(e.mode_after), e.resume_at, e.at)
          .Step();
  if (!row.ok()) return row.error();
  return q->Int64(0);
}

// The conversation's events, oldest first (ties in insertion order). REQUIRES: the conversation
// is the workspace's (else the list is empty).
base::Result<std::vector<core::AuditEvent>> ListAudit(auto& db, std::int64_t workspace_id,
                                                      std::int64_t conversation_id) {
  static constexpr std::string_view kSelect =
      "SELECT id, kind, actor, detail, mode_after, resume_at_ms, at_ms FROM audit_events"
      " WHERE conversation_id = $1 AND workspace_id = $2 ORDER BY at_ms, id";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  q->BindAll(conversation_id, workspace_id);
  return ReadAll(*q, [&](const auto& r) -> base::Result<core::AuditEvent> {
    auto kind = EnumColumn<core::ParseAuditKind>(r, 1, "audit kind");
    if (!kind.ok()) return kind.error();
    auto mode = EnumColumn<core::ParseMode>(r, 4, "mode");
    if (!mode.ok()) return mode.error();
    return core::AuditEvent{.id = r.Int64(0),
                            .conversation_id = conversation_id,
                            .kind = *kind,
                            .actor = r.Text(2),
                            .detail = r.Text(3),
                            .mode_after = *mode,
                            .resume_at = r.OptionalTime(5),
                            .at = r.Time(6)};
  });
}

}  // namespace store::sql
