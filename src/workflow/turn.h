// Internal to workflow/: the decision being built for one event, and the steps that build it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/agent_config.h"
#include "core/brain.h"
#include "core/conversation.h"
#include "core/decision.h"
#include "workflow/decide.h"

namespace workflow {

struct Turn {
  const core::ConversationSnapshot& snapshot;  // REQUIRES: outlives the turn
  const core::AgentConfig& config;
  base::TimePoint now;
  core::Decision decision;

  core::Conversation& conversation() { return decision.conversation; }
  core::Language language() const;

  void Append(core::Author author, std::string text, base::TimePoint at,
              std::string provider_message_id = {});
  void Audit(core::AuditKind kind, std::string actor, std::string detail, base::TimePoint at);
  void SetTimer(core::TimerKind kind, std::optional<base::TimePoint> due_at);
  // Every message: the history followed by what this decision appends.
  std::vector<const core::Message*> Transcript() const;
  // The customer messages after the last message of the AI or a human, oldest first.
  std::vector<const core::Message*> Unanswered() const;
  // Every answer the contact gave, stored or recorded by this decision; a later answer to a
  // question replaces an earlier one (a correction).
  std::vector<core::QualificationAnswer> Answers() const;
};

// The non-empty parts, separated by a blank line: one message.
std::string JoinParagraphs(const std::vector<std::string>& parts);

// A human signal at `at`: Manual, the pause slides, no reply is owed any more.
void PauseAi(Turn& turn, core::AuditKind kind, const std::string& actor, base::TimePoint at);

// The pause ends (Return to AI or the automatic resume); unanswered customer messages are then
// owed a reply at once, which opens with the resume notice (see DecideReply).
void Resume(Turn& turn, core::AuditKind kind, const std::string& actor);

// The turn the unanswered customer messages make, and what the brain is asked for them.
// REQUIRES: turn.Unanswered() is not empty.
TurnBasis BasisOf(const Turn& turn);
BrainRequest ReplyRequest(const Turn& turn);

// Answers the unanswered customer messages with `proposal` (made for ReplyRequest(turn)) under the
// workflow's rules. `prefix` (e.g. the resume notice) starts the reply when there is one.
void Respond(Turn& turn, const base::Result<core::Proposal>& proposal, const std::string& prefix);

// Hands the conversation to a person: `lead_in` + the handoff (or qualified) message to the
// customer, a notification, and Manual mode.
void HandOff(Turn& turn, core::HandoffReason reason, const std::string& detail,
             const std::vector<std::string>& lead_in);

// HandOff, unless the team needs to learn how to reach the customer first (Handoff to Human on the
// web chat, AgentConfig::ask_contact_details, no email or phone known): then `lead_in` + one
// question for their name and email or phone, and the handoff waits in
// Conversation::pending_handoff for their reply or kContactDetailsWait.
void HandOffOrAskDetails(Turn& turn, core::HandoffReason reason, const std::string& detail,
                         const std::vector<std::string>& lead_in);

// The handoff that waited for contact details, made now: what `replies` (the customer's messages
// since the question, possibly none) give of a name, email and phone is recorded on the lead
// profile and thanked for. REQUIRES: turn.conversation().pending_handoff.
void HandOffWithDetails(Turn& turn, const std::vector<const core::Message*>& replies);

}  // namespace workflow
