#include "workflow/decide.h"

#include <type_traits>

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
  turn.Append(core::Author::kCustomer, e.text, e.at, e.provider_message_id);
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
  if (turn.config.debounce.count() > 0) {
    turn.SetTimer(core::TimerKind::kDebounce, e.at + turn.config.debounce);
    return;
  }
  Respond(turn, {});
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
  core::Conversation& c = turn.conversation();
  switch (e.kind) {
    case core::TimerKind::kResume:
      if (ResumeIsDue(c.lease, turn.now)) {
        Resume(turn, core::AuditKind::kAutoResume, kActorSystem);
      } else {
        // A stale timer (the pause slid or was ended by hand): keep only the current one.
        turn.SetTimer(core::TimerKind::kResume,
                      c.lease.mode == core::Mode::kManual ? c.lease.resume_at : std::nullopt);
      }
      return;
    case core::TimerKind::kDebounce: {
      if (c.lease.mode != core::Mode::kAi || !AiMayAnswer(c)) {
        turn.SetTimer(core::TimerKind::kDebounce, std::nullopt);
        return;
      }
      const auto unanswered = turn.Unanswered();
      if (!unanswered.empty() && unanswered.back()->at + turn.config.debounce > turn.now) {
        // A newer message moved the window: the whole burst is answered when it closes.
        turn.SetTimer(core::TimerKind::kDebounce, unanswered.back()->at + turn.config.debounce);
        return;
      }
      turn.SetTimer(core::TimerKind::kDebounce, std::nullopt);
      Respond(turn, {});
      return;
    }
  }
}

}  // namespace

core::Decision Decide(const core::ConversationSnapshot& snapshot, const core::Event& event,
                      const core::AgentConfig& config, const core::Brain& brain,
                      base::TimePoint now) {
  Turn turn{snapshot, config, brain, now,
            core::Decision{snapshot.conversation, {}, {}, {}, {}, {}}};
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

}  // namespace workflow
