// A contact: one customer on one channel of a workspace. A contact with qualification answers is
// a lead; the lead profile is the contact plus its answers.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "core/enums.h"

namespace core {

struct QualificationAnswer {
  int question_index = 0;  // index in the published questions when it was answered
  std::string question;    // the question as configured
  std::string label;       // the field name on the lead profile, may be empty
  std::string answer;      // what the customer wrote: the value's provenance
  // The answer checked and normalised for the question's type ("ana@example.com", "+351912345678",
  // "1200", "1200.00 EUR", "2027-03-15", a choice as configured, the trimmed text); "" when the
  // customer skipped an optional question.
  std::string value;
  base::TimePoint at;
  // The customer message that carried the answer. In a Decision, nullopt means the first message
  // of that decision (the event's own message, whose id the store assigns).
  std::optional<std::int64_t> source_message_id;
  std::int64_t id = 0;  // assigned by the store; 0 until stored
};

struct Contact {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  Channel channel = Channel::kWeb;
  // The channel's id of the customer: phone, PSID, IGSID; on the web chat, the SHA-256 of the
  // visitor's cookie.
  std::string external_id;
  std::string display_name;
  // A CRM user named the contact: the name the channel reports no longer replaces it.
  bool name_set_by_user = false;
  std::vector<QualificationAnswer> answers;  // oldest first
};

// The name a new contact starts with, until the channel reports one or a user sets one. On the
// web chat, "Web visitor 3f2a": the first 4 characters of the visitor's id (the hash of their
// cookie). On the other channels, the channel's id (a phone number, a PSID).
std::string InitialContactName(Channel channel, std::string_view external_id);

// True when `answer` answers the question with this label (when the label is set) or this exact
// text (when it is not).
bool IsAnswerTo(const QualificationAnswer& answer, const std::string& question,
                const std::string& label);

// Adds `answer` to `answers`, in place of the answer to the same question (see IsAnswerTo) if
// there is one: a contact holds one answer per question, a correction replacing what it corrects.
void PutAnswer(std::vector<QualificationAnswer>& answers, QualificationAnswer answer);

// True when `answers` hold an answer to a question (see IsAnswerTo): a returning lead is never
// asked it again.
bool HasAnswered(std::span<const QualificationAnswer> answers, const std::string& question,
                 const std::string& label);

}  // namespace core
