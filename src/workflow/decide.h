// The conversation engine: pure decision logic, no I/O.
//
// Decide turns one event on a conversation into a Decision (new state, messages, lead answers,
// notifications, timers, audit events) that the store applies in one transaction. It runs both
// service workflows (handoff_to_human, qualify_and_transfer), the control lease with its sliding
// pause, the automatic resume and the debounce of bursts. It never needs the brain: where the
// customer is owed a reply, the decision sets the conversation's reply timer (TimerKind::kReply),
// due when the burst's debounce window closes.
//
// DecideReply answers that reply once it is due: the greeting, the brain's proposal checked
// against the workflow's rules, the qualification questions and the handoffs the rules call for.
// It asks for the proposal rather than calling a brain, so that the caller calls the brain with no
// lock held (a model may take seconds): snapshot -> DecideReply (a BrainRequest) -> the brain ->
// DecideReply again with the proposal on the freshest snapshot -> commit guarded by the version.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>

#include "base/result.h"
#include "base/time.h"
#include "core/agent_config.h"
#include "core/brain.h"
#include "core/conversation.h"
#include "core/decision.h"
#include "core/event.h"

namespace workflow {

// How many recent messages a notification quotes.
constexpr std::size_t kNotificationMessages = 6;

// How long a handoff waits for the customer's contact details once the AI asked for them (see
// core::AgentConfig::ask_contact_details): at their next message, or after this, it happens.
constexpr base::Duration kContactDetailsWait = std::chrono::minutes{2};

// The turn a proposal answers. A proposal applies only to the turn it was made for: when a newer
// customer message arrived or a person acted (the control epoch moved) since, it is discarded and
// the brain is asked again.
struct TurnBasis {
  std::int64_t last_message_id = 0;  // the newest unanswered customer message
  std::int64_t epoch = 0;            // the control lease's epoch
  std::optional<int> pending_question;
  bool operator==(const TurnBasis&) const = default;
};

// What DecideReply needs the brain to propose for.
struct BrainRequest {
  TurnBasis basis;
  // Views the snapshot's history: REQUIRES the snapshot given to DecideReply outlives it.
  core::BrainInput input;
};

// What the brain proposed (or how it failed) for the turn of `basis`.
struct Proposed {
  TurnBasis basis;
  base::Result<core::Proposal> proposal;
};

// REQUIRES: `config` is the published configuration of the conversation's workspace (it passed
// core::ValidateForPublish); `snapshot.history` holds the recent messages, oldest first; `event`
// is no TimerFired of kind kReply (DecideReply answers those).
// The result's conversation keeps snapshot.conversation.version: the store compares it.
// Thread-safe: touches nothing but its arguments.
core::Decision Decide(const core::ConversationSnapshot& snapshot, const core::Event& event,
                      const core::AgentConfig& config, base::TimePoint now);

// The conversation's reply, due at `now`. Returns the Decision to commit, which always settles the
// reply timer (cancels it, or moves it when a newer message reopened the debounce window):
//   - nothing to say (a person has the conversation, it is in Spam or Archived, nothing is
//     unanswered): only the timer;
//   - `proposed` made for this very turn: the reply (with the greeting, the resume notice when
//     the AI took the conversation back with messages waiting, the next question), a recorded
//     answer, or a handoff. A failed proposal hands off (reason ai_failure).
// Otherwise (no proposal, or one made for another turn) returns the BrainRequest to propose for.
// Same REQUIRES and thread-safety as Decide.
std::variant<core::Decision, BrainRequest> DecideReply(const core::ConversationSnapshot& snapshot,
                                                       const core::AgentConfig& config,
                                                       const Proposed* proposed,
                                                       base::TimePoint now);

}  // namespace workflow
