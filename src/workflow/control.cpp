// The control steps of a turn: pausing the AI, resuming it, and handing off.
#include <algorithm>

#include "workflow/decide.h"
#include "workflow/lease.h"
#include "workflow/turn.h"

namespace workflow {
namespace {

core::Notification MakeNotification(Turn& turn, core::HandoffReason reason,
                                    const std::string& detail) {
  core::Notification n;
  n.workspace_id = turn.snapshot.conversation.workspace_id;
  n.conversation_id = turn.snapshot.conversation.id;
  n.contact_id = turn.snapshot.conversation.contact_id;
  n.kind = reason == core::HandoffReason::kQualified ? core::NotificationKind::kLeadQualified
                                                     : core::NotificationKind::kHandoff;
  n.reason = reason;
  n.detail = detail;
  n.customer_name = turn.decision.contact_name.value_or(turn.snapshot.contact.display_name);
  const auto transcript = turn.Transcript();
  const std::size_t from = transcript.size() - std::min(transcript.size(), kNotificationMessages);
  for (std::size_t i = from; i < transcript.size(); ++i) {
    n.last_messages.push_back(std::string(core::ToString(transcript[i]->author)) + ": " +
                              transcript[i]->text);
  }
  n.answers = turn.Answers();
  n.at = turn.now;
  return n;
}

}  // namespace

void PauseAi(Turn& turn, core::AuditKind kind, const std::string& actor, base::TimePoint at) {
  core::Conversation& c = turn.conversation();
  c.lease = EnterManual(c.lease, at, turn.config.pause);
  c.unanswered_streak = 0;
  c.pending_question.reset();  // once the AI is back it asks the open question again
  c.greeted = true;            // a person spoke (or will): the AI never greets after that
  turn.SetTimer(core::TimerKind::kResume, c.lease.resume_at);
  turn.SetTimer(core::TimerKind::kReply, std::nullopt);
  turn.Audit(kind, actor, {}, at);
}

void Resume(Turn& turn, core::AuditKind kind, const std::string& actor) {
  core::Conversation& c = turn.conversation();
  c.lease = ReturnToAi(c.lease);
  turn.SetTimer(core::TimerKind::kResume, std::nullopt);
  turn.Audit(kind, actor, {}, turn.now);
  if (c.folder != core::Folder::kOpen && c.folder != core::Folder::kSolved) return;
  if (turn.Unanswered().empty()) return;
  turn.SetTimer(core::TimerKind::kReply, turn.now);
}

void HandOff(Turn& turn, core::HandoffReason reason, const std::string& detail,
             const std::vector<std::string>& lead_in) {
  core::Conversation& c = turn.conversation();
  // The notification quotes the conversation up to the customer's last words.
  turn.decision.notifications.push_back(MakeNotification(turn, reason, detail));

  c.lease = EnterManual(c.lease, turn.now, turn.config.pause);
  c.unanswered_streak = 0;
  c.pending_question.reset();
  c.greeted = true;
  turn.SetTimer(core::TimerKind::kResume, c.lease.resume_at);
  turn.SetTimer(core::TimerKind::kReply, std::nullopt);

  std::vector<std::string> parts = lead_in;
  parts.push_back(core::TextFor(turn.config, turn.language(),
                                reason == core::HandoffReason::kQualified
                                    ? core::TextKey::kQualifiedMessage
                                    : core::TextKey::kHandoffMessage));
  // Sent under the new epoch: the handoff message belongs to the transition itself.
  turn.Append(core::Author::kAi, JoinParagraphs(parts), turn.now);

  std::string why(core::ToString(reason));
  if (!detail.empty()) why += ": " + detail;
  turn.Audit(core::AuditKind::kHandoff, "ai", why, turn.now);
}

}  // namespace workflow
