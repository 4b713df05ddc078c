#include "app/chat_printer.h"

#include <nlohmann/json.hpp>

namespace app {
namespace {

using nlohmann::json;

json TimeOrNull(const std::optional<base::TimePoint>& t) {
  return t ? json(base::FormatTime(*t)) : json(nullptr);
}

// The keys every line carries.
json Line(std::string_view type, base::TimePoint at) {
  return json{{"type", type},    {"author", nullptr},    {"text", nullptr},
              {"mode", nullptr}, {"resume_at", nullptr}, {"at", base::FormatTime(at)}};
}

void PutLease(json& line, const core::ControlLease& lease) {
  line["mode"] = core::ToString(lease.mode);
  line["resume_at"] = TimeOrNull(lease.resume_at);
}

// "09:30:05" of a time, for the readable transcript.
std::string Clock(base::TimePoint t) { return base::FormatTime(t).substr(11, 8); }

std::string LeaseText(const core::ControlLease& lease) {
  if (lease.mode == core::Mode::kAi) return "AI active";
  if (!lease.resume_at) return "Manual, the AI stays paused until Return to AI";
  return "Manual, the AI resumes at " + Clock(*lease.resume_at);
}

json AnswersJson(const std::vector<core::QualificationAnswer>& answers) {
  json list = json::array();
  for (const auto& a : answers) {
    list.push_back({{"question", a.question},
                    {"label", a.label},
                    {"answer", a.answer},
                    {"value", a.value},
                    {"at", base::FormatTime(a.at)}});
  }
  return list;
}

}  // namespace

std::string AnswerLine(const core::QualificationAnswer& a) {
  return (a.label.empty() ? a.question : a.label) + ": " +
         (a.value.empty() ? "(skipped)" : a.value);
}

void ChatPrinter::Message(const core::Message& m, const core::ControlLease& lease) {
  if (json_) {
    json line = Line("message", m.at);
    line["author"] = core::ToString(m.author);
    line["text"] = m.text;
    PutLease(line, lease);
    out_ << line.dump() << '\n' << std::flush;
    return;
  }
  out_ << Clock(m.at) << ' ' << core::ToString(m.author) << ": " << m.text << '\n' << std::flush;
}

void ChatPrinter::Event(const core::AuditEvent& e) {
  const core::ControlLease lease{e.mode_after, e.resume_at, 0};
  if (json_) {
    json line = Line("event", e.at);
    line["kind"] = core::ToString(e.kind);
    line["author"] = e.actor;
    line["text"] = e.detail;
    PutLease(line, lease);
    out_ << line.dump() << '\n' << std::flush;
    return;
  }
  out_ << Clock(e.at) << " * " << core::ToString(e.kind) << " by " << e.actor;
  if (!e.detail.empty()) out_ << " (" << e.detail << ')';
  out_ << " -> " << LeaseText(lease) << '\n' << std::flush;
}

void ChatPrinter::Notification(const core::Notification& n) {
  std::string text = std::string(core::ToString(n.kind)) + ": " + n.customer_name + " (" +
                     std::string(core::ToString(n.reason)) + ")";
  if (json_) {
    json line = Line("notification", n.at);
    line["kind"] = core::ToString(n.kind);
    line["reason"] = core::ToString(n.reason);
    line["detail"] = n.detail;
    line["author"] = "system";
    line["text"] = text;
    line["customer"] = n.customer_name;
    line["last_messages"] = n.last_messages;
    line["answers"] = AnswersJson(n.answers);
    line["read"] = n.read;
    out_ << line.dump() << '\n' << std::flush;
    return;
  }
  out_ << Clock(n.at) << " ! notification " << text << '\n';
  if (!n.detail.empty()) out_ << "    " << n.detail << '\n';
  for (const auto& a : n.answers) out_ << "    " << AnswerLine(a) << '\n';
  for (const auto& m : n.last_messages) out_ << "    > " << m << '\n';
  out_ << std::flush;
}

void ChatPrinter::Lead(const core::Contact& contact, base::TimePoint now,
                       const core::ControlLease& lease) {
  if (json_) {
    json line = Line("lead", now);
    line["author"] = "system";
    line["text"] = contact.display_name;
    PutLease(line, lease);
    line["customer"] = contact.display_name;
    line["answers"] = AnswersJson(contact.answers);
    out_ << line.dump() << '\n' << std::flush;
    return;
  }
  out_ << "lead " << contact.display_name << ": "
       << (contact.answers.empty() ? "no answers yet"
                                   : std::to_string(contact.answers.size()) + " answer(s)")
       << '\n';
  for (const auto& a : contact.answers) out_ << "    " << AnswerLine(a) << '\n';
  out_ << std::flush;
}

void ChatPrinter::State(const core::Conversation& c, base::TimePoint now) {
  if (json_) {
    json line = Line("state", now);
    PutLease(line, c.lease);
    line["epoch"] = c.lease.epoch;
    line["folder"] = core::ToString(c.folder);
    line["language"] = c.language ? json(core::ToString(*c.language)) : json(nullptr);
    line["pending_question"] = c.pending_question ? json(*c.pending_question) : json(nullptr);
    out_ << line.dump() << '\n' << std::flush;
    return;
  }
  out_ << Clock(now) << " state: " << LeaseText(c.lease) << ", folder " << core::ToString(c.folder)
       << ", epoch " << c.lease.epoch;
  if (c.pending_question) out_ << ", waiting for an answer to question " << *c.pending_question + 1;
  out_ << '\n' << std::flush;
}

void ChatPrinter::Error(const std::string& text, base::TimePoint now) {
  if (json_) {
    json line = Line("error", now);
    line["author"] = "system";
    line["text"] = text;
    out_ << line.dump() << '\n' << std::flush;
    return;
  }
  out_ << "error: " << text << '\n' << std::flush;
}

void ChatPrinter::Info(const std::string& text) {
  if (!json_) out_ << text << '\n' << std::flush;
}

}  // namespace app
