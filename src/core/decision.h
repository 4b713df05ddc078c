// What the workflow decided for one event: applied by the store in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/audit_event.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/message.h"
#include "core/notification.h"

namespace core {

// Sets (due_at) or cancels (nullopt) the conversation's one timer of `kind`.
struct TimerChange {
  TimerKind kind = TimerKind::kResume;
  std::optional<base::TimePoint> due_at;
};

struct Decision {
  Conversation conversation;                 // the state after the event
  std::vector<Message> messages;             // to append, in order; the event's own message first
  std::vector<QualificationAnswer> answers;  // to add to the lead profile
  std::vector<Notification> notifications;
  std::vector<TimerChange> timers;
  std::vector<AuditEvent> audit;
  // The contact's new display name (the channel told us the customer's name), when it changed.
  std::optional<std::string> contact_name;
};

}  // namespace core
