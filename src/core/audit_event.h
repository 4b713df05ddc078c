// An entry of a conversation's timeline: every control or workflow transition leaves one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/time.h"
#include "core/enums.h"

namespace core {

struct AuditEvent {
  std::int64_t id = 0;
  std::int64_t conversation_id = 0;
  AuditKind kind = AuditKind::kHandoff;
  std::string actor;   // "ai", "customer", "system", "app", or the user who acted
  std::string detail;  // why: the handoff reason, the question label, ...
  Mode mode_after = Mode::kAi;
  std::optional<base::TimePoint> resume_at;  // the lease's resume_at after the transition
  base::TimePoint at;
};

}  // namespace core
