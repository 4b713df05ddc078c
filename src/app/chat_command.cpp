#include "app/chat_command.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <iostream>

#include "app/agent_brains.h"
#include "app/chat_session.h"
#include "app/llm_transport.h"
#include "app/serve_config.h"
#include "store/database.h"

namespace app {
namespace {

// The simulated clock starts at the later of the real time and the last simulated time stored,
// so time never runs backwards across runs.
base::TimePoint StartTime(core::Store& store, std::int64_t workspace_id) {
  base::TimePoint start = base::SystemClock().Now();
  auto stored = store.GetValue(workspace_id, std::string(kChatClockKey));
  if (stored.ok() && *stored) {
    try {
      start = std::max(start, base::FromMillis(std::stoll(**stored)));
    } catch (const std::exception&) {
      // A damaged value: start from the real time.
    }
  }
  return start;
}

// Simulated time runs with real time (plus every /advance); timers fire while the user types.
int RunInteractive(ChatSession& session, base::FakeClock& clock, std::istream& in,
                   std::ostream& out) {
  const base::SystemClock real;
  base::Duration offset = clock.Now() - real.Now();
  out << "Type as the customer; /help lists the commands, /quit ends.\n" << std::flush;
  std::string line;
  while (true) {
    if (in.rdbuf()->in_avail() <= 0) {
      int timeout_ms = -1;
      if (const auto next = session.NextTimer()) {
        const auto wait = (*next - (real.Now() + offset)).count();
        timeout_ms = static_cast<int>(std::clamp<std::int64_t>(wait, 0, INT_MAX));
      }
      pollfd stdin_poll{STDIN_FILENO, POLLIN, 0};
      const int ready = poll(&stdin_poll, 1, timeout_ms);
      session.AdvanceTo(real.Now() + offset);
      if (ready == 0) continue;
    }
    if (!std::getline(in, line)) break;
    session.AdvanceTo(real.Now() + offset);
    if (session.Run(line) == ChatSession::Outcome::kQuit) break;
    offset = clock.Now() - real.Now();
  }
  session.Finish();
  return 0;
}

}  // namespace

int RunChat(const ChatCommandOptions& options, std::istream& in, std::ostream& out,
            std::ostream& err) {
  auto database = store::OpenDatabase(options.db, {});
  if (!database.ok()) {
    err << "frontdesk chat: " << database.error().message << '\n';
    return 1;
  }
  core::Store& store = (*database)->store();
  auto workspace = store.FindWorkspace(options.workspace);
  if (!workspace.ok()) {
    err << "frontdesk chat: no workspace '" << options.workspace << "' in " << options.db
        << "; create it with `frontdesk init --db " << options.db << " --config FILE`\n";
    return 1;
  }
  // The model, when asked for: configured as for `frontdesk serve`, by FRONTDESK_LLM_*.
  auto serve_config = ReadServeConfig(std::nullopt);
  if (!serve_config.ok()) {
    err << "frontdesk chat: " << serve_config.error().message << '\n';
    return 1;
  }
  const LlmConfig& llm = serve_config->llm;
  if (options.brain == "llm" && !llm.enabled()) {
    err << "frontdesk chat: --brain llm needs FRONTDESK_LLM_BASE_URL and FRONTDESK_LLM_MODEL "
           "(see docs/llm.md)\n";
    return 1;
  }
  const http::CurlGlobal curl;
  const http::Client client(curl);
  const base::SystemClock real_time;  // a model's deadlines run on real time, not the chat's
  brain::llm::EndpointState endpoint((*database)->token_usage(), llm.circuit);
  base::FakeClock clock(StartTime(store, workspace->id));
  std::optional<core::BrainKind> forced;
  if (!options.brain.empty()) forced = core::ParseBrainKind(options.brain);
  runtime::Engine engine(
      store,
      AgentBrains(
          {.llm = &llm,
           .transport = LlmTransport(client),
           .clock = &real_time,
           .endpoint = &endpoint,
           .forced = forced,
           .log = [&err](std::string_view line) { err << "frontdesk chat: " << line << '\n'; }}),
      clock);

  const bool interactive = &in == &std::cin && isatty(STDIN_FILENO);
  ChatOptions chat_options;
  chat_options.customer_id = options.customer;
  chat_options.channel = core::ParseChannel(options.channel).value_or(core::Channel::kWeb);
  chat_options.json = options.json;
  chat_options.settle_replies = !interactive;
  auto session = ChatSession::Start(store, engine, clock, *workspace, chat_options, out);
  if (!session.ok()) {
    err << "frontdesk chat: " << session.error().message << '\n';
    return 1;
  }
  // Pauses that ran out while no chat was running resume first.
  session->AdvanceTo(clock.Now());
  return interactive ? RunInteractive(*session, clock, in, out) : RunScript(*session, in);
}

}  // namespace app
