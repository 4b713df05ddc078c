#include "workflow/harness.h"

namespace workflow::testing {

base::Result<core::Proposal> SimpleRule(const core::BrainInput& input) {
  std::string text;
  for (const auto& m : input.customer_messages) text += m + " ";
  core::Proposal p;
  p.language = input.language.value_or(core::Language::kEn);
  if (text.find("hola") != std::string::npos) p.language = core::Language::kEs;
  if (text.find("human") != std::string::npos) {
    p.handoff = core::HandoffProposal{core::HandoffReason::kCustomerRequest, "asked for a person"};
  } else if (text.find("angry") != std::string::npos) {
    p.handoff = core::HandoffProposal{core::HandoffReason::kFrustration, "upset"};
  } else if (text.find('?') != std::string::npos) {
    p.asked = true;
    p.answered = text.find("price") != std::string::npos;
    p.reply = p.answered ? "The lamp costs 49.00 EUR." : "Sorry, I don't know that.";
  } else if (input.pending_question) {
    p.answer = core::AnswerProposal{input.pending_question->index, text.substr(0, text.size() - 1)};
  }
  return p;
}

core::AgentConfig HandoffConfig() {
  core::AgentConfig c;
  c.company_name = "Casa";
  c.greeting = "Hi, I'm Lia!";
  c.workflow = core::WorkflowKind::kHandoffToHuman;
  c.handoff_message = "A person will take it from here.";
  c.resume_notice = "I'm back.";
  c.debounce = base::Duration{0};
  c.translations[core::Language::kEs].greeting = "¡Hola, soy Lia!";
  return c;
}

core::AgentConfig QualifyConfig() {
  core::AgentConfig c = HandoffConfig();
  c.workflow = core::WorkflowKind::kQualifyAndTransfer;
  c.questions = {{"What service do you need?", "Service"},
                 {"What is your budget?", "Budget"},
                 {"When do you want to start?", "Timeline"}};
  c.qualified_message = "Thanks! A person will continue.";
  return c;
}

Harness::Harness(core::AgentConfig config, ScriptedBrain::Rule rule)
    : config_(std::move(config)),
      brain_(std::move(rule)),
      clock_(base::FromMillis(1'800'000'000'000)) {
  snapshot_.conversation.id = 7;
  snapshot_.conversation.workspace_id = 1;
  snapshot_.conversation.contact_id = 3;
  snapshot_.contact.id = 3;
  snapshot_.contact.display_name = "Ana";
  // A channel that gives a way back to the customer: no contact details are asked before a
  // handoff unless a test moves the conversation to the web chat (SetChannel).
  SetChannel(core::Channel::kWhatsapp);
}

void Harness::SetChannel(core::Channel channel) {
  snapshot_.conversation.channel = channel;
  snapshot_.contact.channel = channel;
}

const core::Decision& Harness::Handle(const core::Event& event) {
  last_ = Apply(Decide(snapshot_, event, config_, clock_.Now()));
  AnswerDueReply();
  return last_;
}

void Harness::AnswerDueReply() {
  const auto due = timers_.find(core::TimerKind::kReply);
  if (due == timers_.end() || due->second > clock_.Now()) return;
  auto step = DecideReply(snapshot_, config_, nullptr, clock_.Now());
  if (const auto* request = std::get_if<BrainRequest>(&step)) {
    const Proposed proposed{request->basis, brain_.Propose(request->input)};
    step = DecideReply(snapshot_, config_, &proposed, clock_.Now());
  }
  if (!std::holds_alternative<core::Decision>(step)) {
    ADD_FAILURE() << "a proposal for the turn itself was not applied";
    return;
  }
  core::Decision reply = Apply(std::move(std::get<core::Decision>(step)));
  // The step's decision: the event's, then the reply's.
  auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  append(last_.messages, reply.messages);
  append(last_.answers, reply.answers);
  append(last_.notifications, reply.notifications);
  append(last_.timers, reply.timers);
  append(last_.audit, reply.audit);
  if (reply.contact_name) last_.contact_name = reply.contact_name;
  last_.conversation = reply.conversation;
}

core::Decision Harness::Apply(core::Decision d) {
  EXPECT_EQ(d.conversation.version, snapshot_.conversation.version);
  const std::int64_t first_id = next_message_id_;
  for (core::Message& m : d.messages) {
    m.id = next_message_id_++;
    snapshot_.history.push_back(m);
  }
  for (core::QualificationAnswer a : d.answers) {
    if (!a.source_message_id) a.source_message_id = first_id;
    core::PutAnswer(snapshot_.contact.answers, a);  // one per question, as the store keeps
  }
  if (d.contact_name && !snapshot_.contact.name_set_by_user) {
    snapshot_.contact.display_name = *d.contact_name;
  }
  notifications_.insert(notifications_.end(), d.notifications.begin(), d.notifications.end());
  audit_.insert(audit_.end(), d.audit.begin(), d.audit.end());
  for (const core::TimerChange& t : d.timers) {
    if (t.due_at) {
      timers_[t.kind] = *t.due_at;
    } else {
      timers_.erase(t.kind);
    }
  }
  snapshot_.conversation = d.conversation;
  snapshot_.conversation.version++;
  return d;
}

const core::Decision& Harness::Customer(const std::string& text) {
  return Handle(core::CustomerMessage{text, clock_.Now()});
}

void Harness::Advance(base::Duration d) {
  const base::TimePoint until = clock_.Now() + d;
  constexpr int kMaxFirings = 100;  // a timer that never settles is a bug, not a hang
  for (int firing = 0; firing < kMaxFirings; ++firing) {
    auto due = timers_.end();
    for (auto it = timers_.begin(); it != timers_.end(); ++it) {
      if (it->second <= until && (due == timers_.end() || it->second < due->second)) due = it;
    }
    if (due == timers_.end()) break;
    const core::TimerFired fired{due->first, due->second};
    if (clock_.Now() < due->second) clock_.Set(due->second);
    if (fired.kind == core::TimerKind::kReply) {
      last_ = {};
      AnswerDueReply();
    } else {
      Handle(fired);
    }
    // Every decision on a fired timer cancels or moves it.
    const auto still = timers_.find(fired.kind);
    EXPECT_TRUE(still == timers_.end() || still->second > fired.due_at);
    if (still != timers_.end() && still->second <= fired.due_at) break;
  }
  clock_.Set(until);
}

std::vector<std::string> Harness::AiReplies() const {
  std::vector<std::string> out;
  for (const core::Message& m : last_.messages) {
    if (m.author == core::Author::kAi) out.push_back(m.text);
  }
  return out;
}

}  // namespace workflow::testing
