#include "workflow/decide.h"

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "workflow/lease.h"
#include "workflow/turn.h"

namespace workflow {
namespace {

constexpr const char* kActorApp = "app";
constexpr const char* kActorSystem = "system";

bool AiMayAnswer(const core::Conversation& c) {
  return c.folder == core::Folder::kOpen || c.folder == core::Folder::kSolved;
}

void OnCustomerMessage(Turn& turn, const core::CustomerMessage& e) {
  core::Conversation& c = turn.conversation();
  // A channel's clock ahead of ours cannot date a message after it arrived: the burst's window
  // runs on our clock.
  const base::TimePoint at = std::min(e.at, turn.now);
  turn.Append(core::Author::kCustomer, e.text, at, e.provider_message_id);
  turn.decision.messages.back().attachment = e.attachment;
  const core::Contact& contact = turn.snapshot.contact;
  if (!e.customer_name.empty() && !contact.name_set_by_user &&
      e.customer_name != contact.display_name) {
    turn.decision.contact_name = e.customer_name;
  }
  if (c.folder == core::Folder::kSolved) {
    c.folder = core::Folder::kOpen;
    turn.Audit(core::AuditKind::kReopened, "customer", "a customer message reopened it", e.at);
  }
  if (!AiMayAnswer(c)) return;  // Spam and Archived: stored, never answered
  if (c.lease.mode == core::Mode::kManual) {
    // A pause whose timer has not fired yet ends now; otherwise the message waits for a person
    // and does not extend the pause.
    if (ResumeIsDue(c.lease, turn.now)) Resume(turn, core::AuditKind::kAutoResume, kActorSystem);
    return;
  }
  // Owed a reply once the burst's window closes; with no window, at once.
  turn.SetTimer(core::TimerKind::kReply, at + turn.config.debounce);
}

void OnHumanReply(Turn& turn, const core::HumanReply& e) {
  turn.Append(core::Author::kHumanCrm, e.text, e.at);
  turn.decision.messages.back().user = e.user;
  PauseAi(turn, core::AuditKind::kHumanReply, e.user, e.at);
}

void OnOwnerEcho(Turn& turn, const core::OwnerEcho& e) {
  turn.Append(core::Author::kHumanApp, e.text, e.at, e.provider_message_id);
  if (IsLateSignal(e.at, turn.config.pause, turn.now)) {
    turn.Audit(core::AuditKind::kLateEcho, kActorApp, "the echo arrived after its pause ran out",
               e.at);
    return;
  }
  PauseAi(turn, core::AuditKind::kOwnerEcho, kActorApp, e.at);
}

void OnTakeControl(Turn& turn, const core::TakeControl& e) {
  PauseAi(turn, core::AuditKind::kTakeControl, e.user, e.at);
}

void OnReturnToAi(Turn& turn, const core::ReturnToAi& e) {
  if (turn.conversation().lease.mode == core::Mode::kAi) return;
  Resume(turn, core::AuditKind::kReturnToAi, e.user);
}

void OnTimer(Turn& turn, const core::TimerFired& e) {
  // A reply timer is DecideReply's (REQUIRES): only the pause's end is an event.
  if (e.kind != core::TimerKind::kResume) return;
  const core::Conversation& c = turn.conversation();
  if (ResumeIsDue(c.lease, turn.now)) {
    Resume(turn, core::AuditKind::kAutoResume, kActorSystem);
  } else {
    // A stale timer (the pause slid or was ended by hand): keep only the current one.
    turn.SetTimer(core::TimerKind::kResume,
                  c.lease.mode == core::Mode::kManual ? c.lease.resume_at : std::nullopt);
  }
}

// The resume notice when the AI took the conversation back with messages waiting: the oldest
// unanswered message came under an earlier control epoch (before a person held it).
std::string OpeningOf(const Turn& turn, const std::vector<const core::Message*>& unanswered) {
  if (unanswered.front()->epoch >= turn.snapshot.conversation.lease.epoch) return {};
  return core::TextFor(turn.config, turn.language(), core::TextKey::kResumeNotice);
}

}  // namespace

core::Decision Decide(const core::ConversationSnapshot& snapshot, const core::Event& event,
                      const core::AgentConfig& config, base::TimePoint now) {
  Turn turn{snapshot, config, now, core::Decision{snapshot.conversation, {}, {}, {}, {}, {}}};
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, core::CustomerMessage>) OnCustomerMessage(turn, e);
        if constexpr (std::is_same_v<E, core::HumanReply>) OnHumanReply(turn, e);
        if constexpr (std::is_same_v<E, core::OwnerEcho>) OnOwnerEcho(turn, e);
        if constexpr (std::is_same_v<E, core::TakeControl>) OnTakeControl(turn, e);
        if constexpr (std::is_same_v<E, core::ReturnToAi>) OnReturnToAi(turn, e);
        if constexpr (std::is_same_v<E, core::TimerFired>) OnTimer(turn, e);
        if constexpr (std::is_same_v<E, core::ChannelNote>) {
          turn.Append(core::Author::kSystem, e.text, e.at, e.provider_message_id);
        }
      },
      event);
  return std::move(turn.decision);
}

std::variant<core::Decision, BrainRequest> DecideReply(const core::ConversationSnapshot& snapshot,
                                                       const core::AgentConfig& config,
                                                       const Proposed* proposed,
                                                       base::TimePoint now) {
  Turn turn{snapshot, config, now, core::Decision{snapshot.conversation, {}, {}, {}, {}, {}}};
  const core::Conversation& c = turn.conversation();
  const auto unanswered = turn.Unanswered();
  if (c.lease.mode != core::Mode::kAi || !AiMayAnswer(c) ||
      (unanswered.empty() && !c.pending_handoff)) {
    turn.SetTimer(core::TimerKind::kReply, std::nullopt);
    return std::move(turn.decision);
  }
  if (!unanswered.empty()) {
    const core::Message& newest = *unanswered.back();
    if (const base::TimePoint closes = newest.at + config.debounce;
        newest.epoch == c.lease.epoch && closes > now) {
      // A newer message moved the window: the whole burst is answered when it closes. Messages
      // that waited for a person are no burst: the AI answers them as soon as it is back.
      turn.SetTimer(core::TimerKind::kReply, closes);
      return std::move(turn.decision);
    }
  }
  // The customer was asked how the team can reach them: whatever they wrote (or nothing, once
  // the wait ran out), the handoff happens now, with no brain to ask.
  if (c.pending_handoff) {
    HandOffWithDetails(turn, unanswered);
    return std::move(turn.decision);
  }
  // The brain's input is built only when it is asked.
  if (proposed == nullptr || proposed->basis != BasisOf(turn)) return ReplyRequest(turn);
  turn.SetTimer(core::TimerKind::kReply, std::nullopt);
  Respond(turn, proposed->proposal, OpeningOf(turn, unanswered));
  if (proposed->proposal.ok() && proposed->proposal->model) {
    for (core::Message& m : turn.decision.messages) {
      if (m.author == core::Author::kAi) m.model = proposed->proposal->model;
    }
  }
  return std::move(turn.decision);
}

}  // namespace workflow
