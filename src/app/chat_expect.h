// `/expect` lines of the `frontdesk chat` script language: assertions on what the last step did
// and on the conversation now. They make a chat script a test (tests/scenarios/).
//
//   /expect ai REGEX            an AI message of the last step matches (ECMAScript, any case)
//   /expect not-ai REGEX        no AI message of the last step matches
//   /expect silence             the last step sent no AI message
//   /expect event KIND          the last step recorded an event of KIND (handoff, take_control,
//                               human_reply, owner_echo, late_echo, return_to_ai, auto_resume,
//                               answer_recorded, reopened)
//   /expect no-event KIND       ... did not
//   /expect notification REGEX  the last step created a notification whose summary matches
//                               ("handoff customer_request Ana | Budget: 5000 | customer: ...")
//   /expect mode ai|manual      the conversation's mode now
//   /expect resume-in DURATION  the pause ends exactly DURATION from now
//   /expect language en|es|pt   the customer's language as detected
//   /expect lead LABEL REGEX    the lead has an answer for LABEL whose value matches
//   /expect no-lead LABEL       the lead has no answer for LABEL
#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/decision.h"

namespace app {

struct ExpectContext {
  const std::vector<core::Decision>& step;  // what the last step committed
  const core::Conversation& conversation;   // the conversation now
  const core::Contact& contact;             // the lead now
  base::TimePoint now;
};

// `spec` is the text after "/expect ". Ok when the expectation holds; kFailedPrecondition saying
// what was expected and what happened when not; kInvalidArgument for a malformed expectation.
base::Status CheckExpectation(std::string_view spec, const ExpectContext& context);

}  // namespace app
