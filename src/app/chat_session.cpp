#include "app/chat_session.h"

#include <istream>

#include "app/chat_expect.h"
#include "base/strings.h"

namespace app {
namespace {

constexpr std::size_t kHistoryForState = 0;
constexpr std::size_t kNotificationsShown = 20;
constexpr int kMaxTimerRounds = 10'000;  // bounds a clock advance should timers misbehave

constexpr std::string_view kHelp =
    "Type a customer message, or: /take  /reply TEXT  /echo [-AGO] TEXT  /release\n"
    "/advance DURATION (30s, 16m, 2h)  /burst ... /end  /lead  /notifications  /state\n"
    "/expect ...  /help  /quit";

bool IsLeading(const core::Message& m) { return m.author != core::Author::kAi; }

}  // namespace

base::Result<ChatSession> ChatSession::Start(core::Store& store, runtime::Engine& engine,
                                             base::FakeClock& clock,
                                             const core::Workspace& workspace, ChatOptions options,
                                             std::ostream& out) {
  core::ConversationKey key{workspace.id, options.channel, options.customer_id};
  auto snapshot = store.OpenConversation(key, kHistoryForState);
  if (!snapshot.ok()) return snapshot.error();
  return ChatSession(store, engine, clock, std::move(key), snapshot->conversation.id,
                     std::move(options), out);
}

ChatSession::ChatSession(core::Store& store, runtime::Engine& engine, base::FakeClock& clock,
                         core::ConversationKey key, std::int64_t conversation_id,
                         ChatOptions options, std::ostream& out)
    : store_(store),
      engine_(engine),
      clock_(clock),
      key_(std::move(key)),
      conversation_id_(conversation_id),
      options_(std::move(options)),
      printer_(out, options_.json) {}

ChatSession::Outcome ChatSession::Run(std::string_view raw) {
  const std::string_view line = base::Trim(raw);
  if (line.empty() || line.front() == '#') return Outcome::kContinue;
  if (line.starts_with("/expect ") || line == "/expect") return Expect(base::Trim(line.substr(7)));
  step_.clear();
  Outcome outcome;
  if (line.front() == '/') {
    const std::size_t space = line.find(' ');
    outcome = Command(line.substr(0, space),
                      space == std::string_view::npos ? "" : base::Trim(line.substr(space)));
  } else {
    // The customer's id, chosen on the command line, names it as a Meta channel's profile would;
    // the web chat gives no name.
    const std::string name = key_.channel == core::Channel::kWeb ? "" : key_.customer_id;
    outcome = Handle(core::CustomerMessage{std::string(line), clock_.Now(), "", name});
    if (!in_burst_) Settle();
  }
  SaveClock();
  return outcome;
}

ChatSession::Outcome ChatSession::Command(std::string_view command, std::string_view argument) {
  const base::TimePoint now = clock_.Now();
  if (command == "/take") return Handle(core::TakeControl{options_.operator_name, now});
  if (command == "/release") return Handle(core::ReturnToAi{options_.operator_name, now});
  if (command == "/reply") {
    if (argument.empty()) return Invalid("/reply needs the text of the reply");
    return Handle(core::HumanReply{std::string(argument), options_.operator_name, now});
  }
  if (command == "/echo") {
    base::TimePoint at = now;
    if (argument.starts_with('-')) {
      const std::size_t space = argument.find(' ');
      auto ago = base::ParseDuration(argument.substr(1, space - 1));
      if (!ago.ok()) return Invalid("/echo " + ago.error().message);
      at = now - *ago;
      argument = space == std::string_view::npos ? "" : base::Trim(argument.substr(space));
    }
    if (argument.empty()) return Invalid("/echo needs the text the owner sent");
    return Handle(core::OwnerEcho{std::string(argument), at});
  }
  if (command == "/advance") {
    auto d = base::ParseDuration(argument);
    if (!d.ok()) return Invalid("/advance " + d.error().message);
    AdvanceTo(now + *d);
    return Outcome::kContinue;
  }
  if (command == "/burst") {
    in_burst_ = true;
    return Outcome::kContinue;
  }
  if (command == "/end") {
    if (!in_burst_) return Invalid("/end closes a /burst, and none is open");
    in_burst_ = false;
    Settle();
    return Outcome::kContinue;
  }
  if (command == "/lead" || command == "/state") {
    auto snapshot = store_.LoadConversation(key_.workspace_id, conversation_id_, 0);
    if (!snapshot.ok()) return Invalid(snapshot.error().message);
    if (command == "/lead") {
      printer_.Lead(snapshot->contact, now, snapshot->conversation.lease);
    } else {
      printer_.State(snapshot->conversation, now);
    }
    return Outcome::kContinue;
  }
  if (command == "/notifications") {
    auto list = store_.ListNotifications(key_.workspace_id, kNotificationsShown);
    if (!list.ok()) return Invalid(list.error().message);
    if (list->empty()) printer_.Info("no notifications");
    for (auto it = list->rbegin(); it != list->rend(); ++it) printer_.Notification(*it);
    return Outcome::kContinue;
  }
  if (command == "/help") {
    printer_.Info(std::string(kHelp));
    return Outcome::kContinue;
  }
  if (command == "/quit") return Outcome::kQuit;
  return Invalid("unknown command " + std::string(command) + " (try /help)");
}

ChatSession::Outcome ChatSession::Handle(const core::Event& event) {
  auto decision = engine_.Handle(key_, event);
  if (!decision.ok()) return Invalid(decision.error().message);
  Took(std::move(*decision));
  // What is due at once: a reply with no debounce window, or the AI resuming with messages
  // waiting. A burst's lines all arrive before anything answers them.
  if (!in_burst_) AdvanceTo(clock_.Now());
  return Outcome::kContinue;
}

void ChatSession::Took(core::Decision d) {
  if (d.conversation.id != conversation_id_) return;  // another customer's timer
  for (const core::TimerChange& t : d.timers) {
    if (t.kind == core::TimerKind::kReply) reply_due_ = t.due_at;
  }
  Show(d);
  step_.push_back(std::move(d));
}

void ChatSession::Show(const core::Decision& d) {
  const core::ControlLease& lease = d.conversation.lease;
  std::size_t i = 0;
  for (; i < d.messages.size() && IsLeading(d.messages[i]); ++i) {
    printer_.Message(d.messages[i], lease);
  }
  for (const auto& e : d.audit) printer_.Event(e);
  for (; i < d.messages.size(); ++i) printer_.Message(d.messages[i], lease);
  for (const auto& n : d.notifications) printer_.Notification(n);
}

void ChatSession::AdvanceTo(base::TimePoint until) {
  for (int round = 0; round < kMaxTimerRounds; ++round) {
    const auto next = NextTimer();
    if (!next || *next > until) break;
    if (*next > clock_.Now()) clock_.Set(*next);
    auto fired = engine_.FireDueTimers();
    auto replied = fired.ok() ? engine_.ReplyDue() : fired;
    if (!replied.ok()) {
      printer_.Error(replied.error().message, clock_.Now());
      break;
    }
    if (fired->empty() && replied->empty()) break;  // due but failing: left for a later try
    for (auto* decisions : {&*fired, &*replied}) {
      for (core::Decision& d : *decisions) Took(std::move(d));
    }
  }
  if (until > clock_.Now()) clock_.Set(until);
}

std::optional<base::TimePoint> ChatSession::NextTimer() {
  auto next = store_.NextTimer(key_.workspace_id);
  return next.ok() ? *next : std::nullopt;
}

void ChatSession::Settle() {
  if (!options_.settle_replies || !reply_due_) return;
  const base::TimePoint due = *reply_due_;
  reply_due_.reset();
  AdvanceTo(due);
}

void ChatSession::Finish() {
  in_burst_ = false;
  Settle();
  SaveClock();
}

ChatSession::Outcome ChatSession::Expect(std::string_view spec) {
  auto snapshot = store_.LoadConversation(key_.workspace_id, conversation_id_, 0);
  if (!snapshot.ok()) return Invalid(snapshot.error().message);
  const base::Status held =
      CheckExpectation(spec, {step_, snapshot->conversation, snapshot->contact, clock_.Now()});
  if (held.ok()) return Outcome::kContinue;
  printer_.Error("expected " + held.error().message + "  [/expect " + std::string(spec) + "]",
                 clock_.Now());
  return Outcome::kFailed;
}

ChatSession::Outcome ChatSession::Invalid(const std::string& why) {
  printer_.Error(why, clock_.Now());
  return Outcome::kFailed;
}

int RunScript(ChatSession& session, std::istream& in, const ScriptIntercept& intercept) {
  std::string line;
  int status = 0;
  for (int number = 1; status == 0 && std::getline(in, line); ++number) {
    if (intercept && intercept(number, line, status)) continue;
    switch (session.Run(line)) {
      case ChatSession::Outcome::kContinue:
        break;
      case ChatSession::Outcome::kQuit:
        session.Finish();
        return status;
      case ChatSession::Outcome::kFailed:
        status = 1;
        break;
    }
  }
  session.Finish();
  return status;
}

void ChatSession::SaveClock() {
  // Best effort: losing it only means the next run starts from the real time.
  (void)store_.PutValue(key_.workspace_id, std::string(kChatClockKey),
                        std::to_string(base::ToMillis(clock_.Now())));
}

}  // namespace app
