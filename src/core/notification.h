// A CRM notification for a workspace: a handoff, or a lead that answered every question.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/contact.h"
#include "core/enums.h"

namespace core {

struct Notification {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  std::int64_t conversation_id = 0;
  std::int64_t contact_id = 0;
  NotificationKind kind = NotificationKind::kHandoff;
  HandoffReason reason = HandoffReason::kCustomerRequest;
  std::string detail;                        // why, in words: the rule of a reserved topic...
  std::string customer_name;                 // who
  std::vector<std::string> last_messages;    // "customer: text", oldest first
  std::vector<QualificationAnswer> answers;  // every answer so far (qualify_and_transfer)
  base::TimePoint at;
  bool read = false;
};

}  // namespace core
