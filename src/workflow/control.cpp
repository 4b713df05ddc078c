// The control steps of a turn: pausing the AI, resuming it, and handing off.
#include <algorithm>

#include "text/values.h"
#include "workflow/decide.h"
#include "workflow/lease.h"
#include "workflow/turn.h"

namespace workflow {
namespace {

// The lead profile's fields for the contact details a customer gives before a handoff.
constexpr const char* kEmailLabel = "Email";
constexpr const char* kPhoneLabel = "Phone";

// Whether the team must learn how to reach the customer before a handoff: Handoff to Human with
// the setting on, on a channel that gives no way back (the web chat), and no email or phone given
// before.
bool NeedsContactDetails(const Turn& turn) {
  const core::Conversation& c = turn.snapshot.conversation;
  if (!turn.config.ask_contact_details || c.channel != core::Channel::kWeb ||
      turn.config.workflow != core::WorkflowKind::kHandoffToHuman) {
    return false;
  }
  const auto answers = turn.Answers();
  return std::none_of(answers.begin(), answers.end(), [](const core::QualificationAnswer& a) {
    return a.label == kEmailLabel || a.label == kPhoneLabel;
  });
}

void RecordDetail(Turn& turn, const char* label, const std::string& value,
                  const core::Message& source) {
  core::QualificationAnswer a;
  a.question_index = -1;  // asked by the workflow, not one of the configured questions
  a.question = core::ContactDetailsRequestFor(turn.language());
  a.label = label;
  a.answer = source.text;
  a.value = value;
  a.at = source.at;
  if (source.id != 0) a.source_message_id = source.id;
  turn.decision.answers.push_back(std::move(a));
  turn.Audit(core::AuditKind::kAnswerRecorded, "customer", label, turn.now);
}

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
  c.pending_handoff.reset();   // a person has the conversation: nothing to hand off
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
  c.pending_handoff.reset();
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

void HandOffOrAskDetails(Turn& turn, core::HandoffReason reason, const std::string& detail,
                         const std::vector<std::string>& lead_in) {
  if (!NeedsContactDetails(turn)) return HandOff(turn, reason, detail, lead_in);
  core::Conversation& c = turn.conversation();
  c.pending_handoff = core::PendingHandoff{reason, detail};
  c.unanswered_streak = 0;
  c.pending_question.reset();
  c.greeted = true;
  // The handoff happens at the customer's next message, or without it once the wait runs out.
  turn.SetTimer(core::TimerKind::kReply, turn.now + kContactDetailsWait);
  std::vector<std::string> parts = lead_in;
  parts.push_back(core::ContactDetailsRequestFor(turn.language()));
  turn.Append(core::Author::kAi, JoinParagraphs(parts), turn.now);
}

void HandOffWithDetails(Turn& turn, const std::vector<const core::Message*>& replies) {
  core::Conversation& c = turn.conversation();
  const core::PendingHandoff pending = *c.pending_handoff;
  std::vector<std::string> lead_in;
  text::ContactDetails found;
  for (const core::Message* m : replies) {
    if (m->attachment != core::Attachment::kNone) continue;
    const text::ContactDetails d = text::ReadContactDetails(m->text);
    if (found.name.empty()) found.name = d.name;
    if (found.email.empty() && !d.email.empty()) {
      found.email = d.email;
      RecordDetail(turn, kEmailLabel, found.email, *m);
    }
    if (found.phone.empty() && !d.phone.empty()) {
      found.phone = d.phone;
      RecordDetail(turn, kPhoneLabel, found.phone, *m);
    }
  }
  if (!found.name.empty() && !turn.snapshot.contact.name_set_by_user &&
      found.name != turn.snapshot.contact.display_name) {
    turn.decision.contact_name = found.name;
  }
  if (!found.empty()) lead_in.push_back(core::ContactDetailsThanksFor(turn.language(), found.name));
  HandOff(turn, pending.reason, pending.detail, lead_in);
}

}  // namespace workflow
