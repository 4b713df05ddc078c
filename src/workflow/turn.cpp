#include "workflow/turn.h"

namespace workflow {

core::Language Turn::language() const {
  return decision.conversation.language.value_or(config.default_language);
}

void Turn::Append(core::Author author, std::string text, base::TimePoint at,
                  std::string provider_message_id) {
  core::Message m;
  m.conversation_id = decision.conversation.id;
  m.author = author;
  m.text = std::move(text);
  m.at = at;
  m.epoch = decision.conversation.lease.epoch;
  m.provider_message_id = std::move(provider_message_id);
  decision.messages.push_back(std::move(m));
}

void Turn::Audit(core::AuditKind kind, std::string actor, std::string detail, base::TimePoint at) {
  core::AuditEvent e;
  e.conversation_id = decision.conversation.id;
  e.kind = kind;
  e.actor = std::move(actor);
  e.detail = std::move(detail);
  e.mode_after = decision.conversation.lease.mode;
  e.resume_at = decision.conversation.lease.resume_at;
  e.at = at;
  decision.audit.push_back(std::move(e));
}

void Turn::SetTimer(core::TimerKind kind, std::optional<base::TimePoint> due_at) {
  std::erase_if(decision.timers, [&](const core::TimerChange& t) { return t.kind == kind; });
  decision.timers.push_back({kind, due_at});
}

std::vector<const core::Message*> Turn::Transcript() const {
  std::vector<const core::Message*> all;
  all.reserve(snapshot.history.size() + decision.messages.size());
  for (const core::Message& m : snapshot.history) all.push_back(&m);
  for (const core::Message& m : decision.messages) all.push_back(&m);
  return all;
}

std::vector<const core::Message*> Turn::Unanswered() const {
  std::vector<const core::Message*> unanswered;
  for (const core::Message* m : Transcript()) {
    switch (m->author) {
      case core::Author::kCustomer:
        unanswered.push_back(m);
        break;
      case core::Author::kSystem:
        break;
      default:  // the AI or a person replied after them
        unanswered.clear();
    }
  }
  return unanswered;
}

std::vector<core::QualificationAnswer> Turn::Answers() const {
  std::vector<core::QualificationAnswer> all = snapshot.contact.answers;
  // A correction replaces the answer it corrects, as the store does.
  for (const core::QualificationAnswer& a : decision.answers) core::PutAnswer(all, a);
  return all;
}

std::string JoinParagraphs(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  return text;
}

}  // namespace workflow
