// The control lease: who answers a conversation, and until when. Pure functions over
// core::ControlLease; every transition of ARCHITECTURE's table lives here and nowhere else.
#pragma once

#include <optional>

#include "base/time.h"
#include "core/conversation.h"

namespace workflow {

// A human signal (handoff, CRM reply, owner echo, Take manual control) at `event_time`:
// mode = manual, resume_at = max(resume_at, event_time + pause), epoch + 1. With no pause
// (never auto-resume) resume_at becomes nullopt: only Return to AI ends it.
core::ControlLease EnterManual(const core::ControlLease& lease, base::TimePoint event_time,
                               std::optional<base::Duration> pause);

// Return to AI, or the automatic resume: mode = ai, resume_at cleared, epoch + 1.
core::ControlLease ReturnToAi(const core::ControlLease& lease);

// True when the lease is manual and its resume_at has come.
bool ResumeIsDue(const core::ControlLease& lease, base::TimePoint now);

// True when a human signal from `event_time` arrives after its own pause already ran out
// (e.g. an owner echo delivered late): it is recorded without pausing the AI.
bool IsLateSignal(base::TimePoint event_time, std::optional<base::Duration> pause,
                  base::TimePoint now);

}  // namespace workflow
