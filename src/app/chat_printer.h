// How `frontdesk chat` shows what happens: a readable transcript, or one JSON object per line.
//
// Every JSON line has the keys type (message|event|notification|lead|state|error), author, text,
// mode, resume_at and at (null where they do not apply), plus the keys of its type.
#pragma once

#include <ostream>
#include <string>

#include "core/audit_event.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/message.h"
#include "core/notification.h"

namespace app {

// "Budget: 3000 EUR" (the value read for the question's type), "Budget: (skipped)".
std::string AnswerLine(const core::QualificationAnswer& a);

class ChatPrinter {
 public:
  ChatPrinter(std::ostream& out, bool json) : out_(out), json_(json) {}

  // `lease` is the conversation's lease after the message's decision.
  void Message(const core::Message& m, const core::ControlLease& lease);
  void Event(const core::AuditEvent& e);
  void Notification(const core::Notification& n);
  void Lead(const core::Contact& contact, base::TimePoint now, const core::ControlLease& lease);
  void State(const core::Conversation& c, base::TimePoint now);
  void Error(const std::string& text, base::TimePoint now);
  void Info(const std::string& text);  // help and hints; not printed in JSON mode

 private:
  std::ostream& out_;
  bool json_;
};

}  // namespace app
