// The `frontdesk chat` script language, run one line at a time against a real store and engine
// with a simulated clock.
//
//   any plain line      a customer message
//   /take               Take manual control (CRM)
//   /reply TEXT         a human reply from the CRM
//   /echo [-AGO] TEXT   the owner's reply from the messaging app; -AGO (e.g. -20m) dates it in
//                       the past, as an echo delivered late
//   /release            Return to AI
//   /advance DURATION   moves the clock (30s, 16m, 2h), firing due timers at their times
//   /burst ... /end     the customer lines between them arrive at the same instant, within the
//                       debounce window, and get one reply
//   /lead  /notifications  /state  /help  /quit
//   /expect ...         an assertion (see chat_expect.h)
//   # comment, blank    ignored
//
// Scripted (settle_replies): after each customer line outside a burst, the clock moves to the end
// of the debounce window, as if the customer waited for the reply. Interactive: the caller moves
// the clock with real time (AdvanceTo) and the window closes by itself.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/chat_printer.h"
#include "base/clock.h"
#include "core/store.h"
#include "runtime/engine.h"

namespace app {

struct ChatOptions {
  std::string customer_id = "customer";
  core::Channel channel = core::Channel::kWeb;
  bool json = false;
  bool settle_replies = true;              // scripted: wait for each reply (see above)
  std::string operator_name = "operator";  // the CRM user of /take, /reply, /release
};

class ChatSession {
 public:
  enum class Outcome { kContinue, kQuit, kFailed };

  // Borrowed references must outlive the session. Opens (or creates) the conversation.
  static base::Result<ChatSession> Start(core::Store& store, runtime::Engine& engine,
                                         base::FakeClock& clock, const core::Workspace& workspace,
                                         ChatOptions options, std::ostream& out);

  // Runs one line. kFailed: an expectation did not hold or the line was invalid (reported).
  Outcome Run(std::string_view line);
  // Moves the clock forward to `until`, firing each due timer at its own time, and prints what
  // they did. Never moves the clock back.
  void AdvanceTo(base::TimePoint until);
  // The earliest pending timer of the workspace.
  std::optional<base::TimePoint> NextTimer();
  // Ends an unclosed burst and waits for its reply (scripted). Call at end of input.
  void Finish();

 private:
  ChatSession(core::Store& store, runtime::Engine& engine, base::FakeClock& clock,
              core::ConversationKey key, std::int64_t conversation_id, ChatOptions options,
              std::ostream& out);

  Outcome Command(std::string_view command, std::string_view argument);
  Outcome Handle(const core::Event& event);
  // A committed decision: one of this conversation is shown, joins the step and may owe a reply
  // (another customer's timers are not shown).
  void Took(core::Decision d);
  Outcome Expect(std::string_view spec);
  Outcome Invalid(const std::string& why);
  void Show(const core::Decision& d);
  void Settle();
  void SaveClock();

  core::Store& store_;
  runtime::Engine& engine_;
  base::FakeClock& clock_;
  core::ConversationKey key_;
  std::int64_t conversation_id_;
  ChatOptions options_;
  ChatPrinter printer_;
  std::vector<core::Decision> step_;          // what the last non-/expect line committed
  std::optional<base::TimePoint> reply_due_;  // when the customer's reply is due
  bool in_burst_ = false;
};

// Runs every line of `in`, stopping at the first failure; then Finish(). Returns 0, or 1 when a
// line failed. `intercept` (optional) sees each line first, with its number, and takes it (true)
// or hands it to the session (false); it may fail the script by setting `status` to 1.
using ScriptIntercept = std::function<bool(int number, const std::string& line, int& status)>;
int RunScript(ChatSession& session, std::istream& in, const ScriptIntercept& intercept = {});

// The key under which `frontdesk chat` keeps a workspace's simulated time.
inline constexpr std::string_view kChatClockKey = "chat.clock";

}  // namespace app
