// Answering the customer: the greeting, the brain's proposal checked against the workflow, the
// qualification questions, and the handoffs the rules call for.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "base/strings.h"
#include "workflow/answer.h"
#include "workflow/turn.h"

namespace workflow {
namespace {

// Questions in a row the AI could not answer before it hands off.
constexpr int kMaxUnansweredStreak = 2;

// The first qualification question the contact has not answered, if the workflow asks any.
std::optional<int> NextQuestion(const Turn& turn) {
  if (turn.config.workflow != core::WorkflowKind::kQualifyAndTransfer) return std::nullopt;
  const auto answers = turn.Answers();
  for (std::size_t i = 0; i < turn.config.questions.size(); ++i) {
    const core::Question& q = turn.config.questions[i];
    if (!core::HasAnswered(answers, q.text, q.label)) return static_cast<int>(i);
  }
  return std::nullopt;
}

// Whether the AI's last message in the conversation says `text`.
bool LastAiMessageSays(const Turn& turn, const std::string& text) {
  const auto transcript = turn.Transcript();
  const auto last = std::find_if(transcript.rbegin(), transcript.rend(),
                                 [](const auto* m) { return m->author == core::Author::kAi; });
  return last != transcript.rend() && (*last)->text.find(text) != std::string::npos;
}

// The words that ask question `index`: its text, or other words when the AI's last message asked
// it that way already (the customer's reply did not answer it): never the same sentence twice in
// a row.
std::string AskQuestion(const Turn& turn, int index) {
  std::string text = core::QuestionFor(turn.config, turn.language(), index);
  if (!LastAiMessageSays(turn, text)) return text;
  return core::QuestionAgainFor(turn.config, turn.language(), index);
}

// The question the customer was asked and may be answering now: the next one, once asked.
std::optional<int> AskedQuestion(const Turn& turn, std::optional<int> next) {
  return next && turn.decision.conversation.pending_question == next ? next : std::nullopt;
}

core::BrainInput MakeInput(const Turn& turn, const std::vector<const core::Message*>& unanswered,
                           std::optional<int> asked_question) {
  core::BrainInput input;
  input.workspace_id = turn.snapshot.conversation.workspace_id;
  input.history = turn.snapshot.history;
  for (const core::Message* m : unanswered) {
    // The summary of an attachment ("[location: 38.72, -9.14 Lisbon]") is for people: a brain
    // reading it would take it for words (search the catalog for "Lisbon", record it as an answer).
    if (m->attachment == core::Attachment::kNone) {
      input.customer_messages.push_back(m->text);
    } else {
      input.attachments.push_back(m->attachment);
    }
  }
  input.language = turn.decision.conversation.language;
  const auto question = [&](int index) {
    const core::Question& q = turn.config.questions[index];
    return core::PendingQuestion{index, core::QuestionFor(turn.config, turn.language(), index),
                                 q.label, q.type, q.choices};
  };
  if (asked_question) {
    input.pending_question = question(*asked_question);
  } else if (const auto next = NextQuestion(turn)) {
    input.next_question = question(*next);
  }
  return input;
}

// A handoff the brain may propose; the workflow alone decides that a lead is qualified.
bool IsValidHandoff(const core::HandoffProposal& h) {
  return h.reason != core::HandoffReason::kQualified;
}

// `answer` is what the customer wrote, `value` what it means for the question's type ("" skipped).
void RecordAnswer(Turn& turn, int index, const std::string& answer, const std::string& value,
                  const core::Message& source) {
  const core::Question& q = turn.config.questions[index];
  core::QualificationAnswer a;
  a.question_index = index;
  a.question = q.text;
  a.label = q.label;
  a.answer = answer;
  a.value = value;
  a.at = source.at;
  // A message of this decision has no id yet: the store resolves nullopt to it.
  if (source.id != 0) a.source_message_id = source.id;
  turn.decision.answers.push_back(std::move(a));
  turn.Audit(core::AuditKind::kAnswerRecorded, "customer", q.label.empty() ? q.text : q.label,
             turn.now);
}

std::chrono::year_month_day Today(const Turn& turn) {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(turn.now)};
}

// The last of the unanswered messages with words (one must have them).
const core::Message& LastWithWords(const std::vector<const core::Message*>& unanswered) {
  return **std::find_if(unanswered.rbegin(), unanswered.rend(), [](const core::Message* m) {
    return m->attachment == core::Attachment::kNone;
  });
}

// The words of the customer's unanswered messages, one per line.
std::string CustomerWords(const std::vector<const core::Message*>& unanswered) {
  std::string words;
  for (const core::Message* m : unanswered) {
    if (m->attachment != core::Attachment::kNone) continue;
    if (!words.empty()) words += '\n';
    words += m->text;
  }
  return words;
}

// Question `index` asked again after a reply with no value of its type: never the same sentence
// twice in a row.
std::string AskTypedAgain(const Turn& turn, int index) {
  const std::string again = core::TypedQuestionAgainFor(turn.config, turn.language(), index);
  if (LastAiMessageSays(turn, again)) return core::QuestionFor(turn.config, turn.language(), index);
  return again;
}

// Questions the customer answered before they were asked ("I need a work visa" before "Which
// service?"), from `next` on, until one nothing answers: each recorded and confirmed. `told` is
// the brain's reading of the messages answered now, for the next question (see
// core::AnswerableQuestion).
struct Stated {
  std::optional<int> next;         // the question to ask, if any is left
  std::vector<std::string> noted;  // the confirmations, one per answer taken
  bool from_burst = false;         // an answer came from the messages being answered now
};
Stated TakeStatedAnswers(Turn& turn, std::optional<int> next,
                         const std::vector<const core::Message*>& unanswered,
                         const std::optional<core::AnswerProposal>& told) {
  Stated stated;
  while (next && turn.decision.conversation.pending_question != next) {
    const core::Question& q = turn.config.questions[*next];
    const auto transcript = turn.Transcript();
    std::optional<std::string> value;
    const core::Message* source = nullptr;
    for (const core::Message* m : transcript) {
      if (m->author != core::Author::kCustomer || m->attachment != core::Attachment::kNone) {
        continue;
      }
      value = StatedAnswer(q, m->text, turn.language(), Today(turn));
      if (value) {
        source = m;
        break;
      }
    }
    std::string said = value ? source->text : std::string();
    // The brain heard the answer in the messages being answered now ("my chain broke" for "What
    // do you need help with?"), free text included.
    if (!value && told && told->question_index == *next && !CustomerWords(unanswered).empty()) {
      const AnswerReading reading = ReadAnswer(q, told->answer, turn.language(), Today(turn));
      if (reading.kind == AnswerReading::Kind::kValue) {
        value = reading.value;
        said = CustomerWords(unanswered);
        source = &LastWithWords(unanswered);
      }
    }
    if (!value) break;
    RecordAnswer(turn, *next, said, *value, *source);
    stated.noted.push_back(core::AnswerNotedFor(turn.config, turn.language(), *next, *value));
    stated.from_burst = stated.from_burst ||
                        std::find(unanswered.begin(), unanswered.end(), source) != unanswered.end();
    next = NextQuestion(turn);
  }
  stated.next = next;
  return stated;
}

// The question the customer answered last (the latest answer's time), if only one answer has
// that time (answers stated together in one message are not told apart): the one a correction in
// the customer's reply takes back.
std::optional<int> AnsweredLast(const Turn& turn) {
  std::optional<int> last;
  std::optional<base::TimePoint> at;
  bool tie = false;
  for (const core::QualificationAnswer& a : turn.Answers()) {
    if (static_cast<std::size_t>(a.question_index) >= turn.config.questions.size()) continue;
    if (at && a.at == *at) tie = true;
    if (!at || a.at > *at) last = a.question_index, at = a.at, tie = false;
  }
  return tie ? std::nullopt : last;
}

// The customer takes back the answer they gave last ("sorry, I meant citizenship"): the new one, if
// it holds a value of the question's type, replaces it and is confirmed in `parts`. Returns
// whether it did.
bool TakeCorrection(Turn& turn, const std::vector<const core::Message*>& unanswered,
                    std::vector<std::string>& parts) {
  const std::optional<int> last = AnsweredLast(turn);
  if (!last) return false;
  const std::string said = CustomerWords(unanswered);
  const std::optional<std::string> corrected = Correction(said);
  if (!corrected) return false;
  const AnswerReading reading =
      ReadAnswer(turn.config.questions[*last], *corrected, turn.language(), Today(turn));
  if (reading.kind != AnswerReading::Kind::kValue) return false;
  RecordAnswer(turn, *last, said, reading.value, LastWithWords(unanswered));
  parts.push_back(core::AnswerNotedFor(turn.config, turn.language(), *last, reading.value));
  return true;
}

}  // namespace

TurnBasis BasisOf(const Turn& turn) {
  return {turn.Unanswered().back()->id, turn.decision.conversation.lease.epoch,
          AskedQuestion(turn, NextQuestion(turn))};
}

BrainRequest ReplyRequest(const Turn& turn) {
  const TurnBasis basis = BasisOf(turn);
  return BrainRequest{basis, MakeInput(turn, turn.Unanswered(), basis.pending_question)};
}

void Respond(Turn& turn, const base::Result<core::Proposal>& proposal, const std::string& prefix) {
  const auto unanswered = turn.Unanswered();
  if (unanswered.empty()) return;
  core::Conversation& c = turn.conversation();

  std::optional<int> next = NextQuestion(turn);
  const std::optional<int> asked = AskedQuestion(turn, next);
  // Only attachments (a photo, a voice note, a location) and no words: nothing was asked.
  const bool wordless = std::none_of(unanswered.begin(), unanswered.end(), [](const auto* m) {
    return m->attachment == core::Attachment::kNone;
  });

  if (proposal.ok()) c.language = proposal->language;

  std::vector<std::string> parts{prefix};
  if (!c.greeted) {
    parts.push_back(core::TextFor(turn.config, turn.language(), core::TextKey::kGreeting));
  }
  if (!proposal.ok()) {
    HandOffOrAskDetails(turn, core::HandoffReason::kAiFailure, "the AI could not prepare a reply",
                        parts);
    return;
  }

  if (asked && !proposal->handoff && !proposal->asked && TakeCorrection(turn, unanswered, parts)) {
    parts.push_back(AskQuestion(turn, *asked));
    c.greeted = true;
    turn.Append(core::Author::kAi, JoinParagraphs(parts), turn.now);
    return;
  }

  const auto& answer = proposal->answer;
  const bool proposed =
      asked && answer && answer->question_index == *asked && !core::IsBlank(answer->answer);
  // The brain's answer, or (for an optional question) the customer's words declining it, read by
  // the question's type.
  AnswerReading reading;
  if (asked) {
    const std::string said = proposed ? answer->answer : CustomerWords(unanswered);
    reading = ReadAnswer(turn.config.questions[*asked], said, turn.language(), Today(turn));
    if (reading.kind == AnswerReading::Kind::kValue && !proposed) {
      reading.kind = AnswerReading::Kind::kInvalid;  // the brain heard no answer in it
    }
    if (reading.kind != AnswerReading::Kind::kInvalid) {
      RecordAnswer(turn, *asked, std::string(base::Trim(said)), reading.value, *unanswered.back());
    }
  }
  const bool answered = reading.kind != AnswerReading::Kind::kInvalid;
  // An answer with no value of the question's type ("soon" for a date): asked again, saying what
  // it needs.
  const bool retry = proposed && !answered;
  if (proposal->handoff && IsValidHandoff(*proposal->handoff)) {
    // The answer given with the handoff is the lead's too ("A restaurant", kept for people).
    HandOffOrAskDetails(turn, proposal->handoff->reason, proposal->handoff->detail, parts);
    return;
  }

  if (answered) {
    Stated stated = TakeStatedAnswers(turn, NextQuestion(turn), unanswered, std::nullopt);
    parts.insert(parts.end(), stated.noted.begin(), stated.noted.end());
    next = stated.next;
    if (!next) {
      c.pending_question.reset();
      // The qualified message thanks the customer: the brain's own thanks would say it twice.
      if (proposal->asked) parts.push_back(proposal->reply);
      HandOff(turn, core::HandoffReason::kQualified, "every question answered", parts);
      return;
    }
  }

  // Before a question is asked: what the customer already said that answers it.
  Stated stated{next, {}, false};
  if (next && !answered && !retry) {
    stated = TakeStatedAnswers(turn, next, unanswered, asked ? std::nullopt : answer);
  }
  next = stated.next;
  // Messages that answered questions not asked yet ("I need a brake repair") asked nothing the AI
  // failed to answer.
  const bool explained = stated.from_burst && !proposal->answered;

  // The streak counts questions the AI could not answer, to hand off when it keeps failing the
  // customer. A turn without words is not one: the brain cannot read it, says so and asks for
  // words, and the customer's next (written) message is what counts. Counting it would hand off
  // a customer who sent two photos before they had a chance to write.
  if (proposal->asked && !proposal->answered && !wordless && !explained) {
    if (++c.unanswered_streak >= kMaxUnansweredStreak) {
      HandOffOrAskDetails(turn, core::HandoffReason::kCannotAnswer,
                          "two messages in a row the AI could not answer", parts);
      return;
    }
  } else if (proposal->answered) {
    c.unanswered_streak = 0;
  }

  // With the greeting, the brain's own small talk ("Hi! How can I help?") would say it twice. A
  // reply to a turn without words is no small talk: it says what the AI could not read.
  const bool small_talk = !proposal->asked && !proposal->answer && !wordless;
  if ((c.greeted || !small_talk) && (!retry || proposal->asked) && !explained) {
    parts.push_back(proposal->reply);
  }
  parts.insert(parts.end(), stated.noted.begin(), stated.noted.end());
  if (!next && !stated.noted.empty()) {  // the customer had said everything before it was asked
    c.pending_question.reset();
    HandOff(turn, core::HandoffReason::kQualified, "every question answered", parts);
    return;
  }
  if (next) parts.push_back(retry ? AskTypedAgain(turn, *next) : AskQuestion(turn, *next));
  c.pending_question = next;
  std::string text = JoinParagraphs(parts);
  if (text.empty()) return;
  c.greeted = true;
  turn.Append(core::Author::kAi, std::move(text), turn.now);
}

}  // namespace workflow
