#include "workflow/lease.h"

#include <algorithm>

namespace workflow {

core::ControlLease EnterManual(const core::ControlLease& lease, base::TimePoint event_time,
                               std::optional<base::Duration> pause) {
  core::ControlLease next = lease;
  next.mode = core::Mode::kManual;
  next.epoch = lease.epoch + 1;
  if (!pause) {
    next.resume_at.reset();
  } else if (lease.mode == core::Mode::kManual && !lease.resume_at) {
    // Already paused with no end: a pause of limited length does not shorten it.
  } else {
    const base::TimePoint until = event_time + *pause;
    next.resume_at = lease.resume_at ? std::max(*lease.resume_at, until) : until;
  }
  return next;
}

core::ControlLease ReturnToAi(const core::ControlLease& lease) {
  return {core::Mode::kAi, std::nullopt, lease.epoch + 1};
}

bool ResumeIsDue(const core::ControlLease& lease, base::TimePoint now) {
  return lease.mode == core::Mode::kManual && lease.resume_at && *lease.resume_at <= now;
}

bool IsLateSignal(base::TimePoint event_time, std::optional<base::Duration> pause,
                  base::TimePoint now) {
  return pause && event_time + *pause <= now;
}

}  // namespace workflow
