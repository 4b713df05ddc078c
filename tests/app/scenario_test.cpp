// The one runner of the transcript scenarios in tests/scenarios/: each file is a `frontdesk chat`
// script with /expect lines, run against a fresh SQLite database initialised from the example
// workspace its first line names ("# workspace: examples/shop/workspace.toml").
//
// The agent thinks with the local brain, or with the llm brain when the file says
// "# brain: llm" (as `frontdesk chat --brain llm` would). The customer writes on the web chat, or
// on the channel of "# channel: whatsapp" (as `frontdesk chat --channel whatsapp`). Its model is
// scripted by the file:
// "# model: CONTENT" queues what the model says next (in structured output, the turn's JSON:
// reply, language, asked, answered, handoff, answer, cited_products), where the line stands. The
// scenario fails when the model is asked with nothing queued, and when answers queued are still
// waiting as more are queued or the script ends.
#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/agent_brains.h"
#include "app/chat_session.h"
#include "app/init.h"
#include "store/database.h"
#include "testing/temp_dir.h"

namespace app {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = FRONTDESK_SOURCE_DIR;
// A fixed Monday morning: scenario output is the same on every run.
const base::TimePoint kStart = base::FromMillis(1'767'603'600'000);  // 2026-01-05T09:00:00Z

std::vector<std::string> Scenarios() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kSource / "tests/scenarios")) {
    if (entry.path().extension() == ".chat") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Directive(const std::string& script, const std::string& name) {
  std::istringstream in(script);
  std::string line;
  const std::string prefix = "# " + name + ":";
  while (std::getline(in, line)) {
    if (line.starts_with(prefix)) {
      const std::string value = line.substr(prefix.size());
      return value.substr(value.find_first_not_of(' '));
    }
  }
  return {};
}

constexpr std::string_view kModelLine = "# model:";

// The model of "# brain: llm": it answers with what the script queued, in order.
class ScriptedModel {
 public:
  void Queue(std::string content) { answers_.push_back(std::move(content)); }
  std::size_t waiting() const { return answers_.size(); }

  brain::llm::Transport Transport() {
    return [this](const brain::llm::HttpRequest& request, base::Duration,
                  bool&) -> base::Result<brain::llm::HttpReply> {
      if (answers_.empty()) {
        const auto body = nlohmann::json::parse(request.body);
        ADD_FAILURE() << "the model was asked, and the script queued no answer (\"# model: ...\"); "
                         "its last message:\n"
                      << body["messages"].back()["content"].get<std::string>();
        return base::Error::Unavailable("no answer queued");
      }
      const nlohmann::json reply = {
          {"choices",
           {{{"finish_reason", "stop"},
             {"message", {{"role", "assistant"}, {"content", answers_.front()}}}}}}};
      answers_.pop_front();
      return brain::llm::HttpReply{200, {}, reply.dump()};
    };
  }

 private:
  std::deque<std::string> answers_;
};

// Runs the script with RunScript, queuing the model's answers where "# model:" lines stand.
// Returns 0, or 1 when a line failed (reported).
int RunScenario(ChatSession& session, const std::string& script, ScriptedModel* model) {
  std::istringstream in(script);
  bool queuing = false;
  const int status = RunScript(session, in, [&](int number, const std::string& line, int& failed) {
    if (!line.starts_with(kModelLine)) {
      if (!line.empty() && !line.starts_with('#')) queuing = false;
      return false;
    }
    if (model == nullptr) {
      ADD_FAILURE() << "line " << number << ": \"# model:\" needs \"# brain: llm\"";
      failed = 1;
      return true;
    }
    if (!queuing && model->waiting() > 0) {
      ADD_FAILURE() << "line " << number << ": " << model->waiting()
                    << " answer(s) of the model queued before were never asked for";
      failed = 1;
      return true;
    }
    const std::string content = line.substr(kModelLine.size());
    const std::size_t start = content.find_first_not_of(' ');
    if (start == std::string::npos) {
      ADD_FAILURE() << "line " << number << ": \"# model:\" needs what the model says";
      failed = 1;
      return true;
    }
    queuing = true;
    model->Queue(content.substr(start));
    return true;
  });
  if (status == 0 && model != nullptr && model->waiting() > 0) {
    ADD_FAILURE() << model->waiting() << " answer(s) of the model were never asked for";
    return 1;
  }
  return status;
}

class ScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioTest, Holds) {
  std::ifstream file(kSource / "tests/scenarios" / (GetParam() + ".chat"));
  ASSERT_TRUE(file) << GetParam();
  std::stringstream script;
  script << file.rdbuf();
  const std::string workspace_path = Directive(script.str(), "workspace");
  ASSERT_FALSE(workspace_path.empty()) << "the first line must say # workspace: PATH";

  const testing_support::TempDir dir;
  {
    auto db = store::OpenDatabase("sqlite:" + (dir / "fd.db").string(), {});
    ASSERT_TRUE(db.ok()) << db.error().message;
    auto workspace_file = ReadWorkspaceFile(kSource / workspace_path);
    ASSERT_TRUE(workspace_file.ok()) << workspace_file.error().message;
    auto report = InitWorkspace((*db)->store(), (*db)->channel_accounts(), *workspace_file);
    ASSERT_TRUE(report.ok()) << report.error().message;

    base::FakeClock clock(kStart);
    const std::string thinks_with = Directive(script.str(), "brain");
    ASSERT_TRUE(thinks_with.empty() || thinks_with == "local" || thinks_with == "llm")
        << "# brain: must be local or llm, not " << thinks_with;
    ScriptedModel model;
    LlmConfig llm;
    llm.settings.endpoint.base_url = "http://model.test/v1";
    llm.settings.endpoint.model = "scripted";
    llm.settings.endpoint.mode = brain::llm::OutputMode::kStructured;
    const base::FakeClock model_clock(kStart);  // never moves: no deadline passes
    brain::llm::EndpointState endpoint((*db)->token_usage());
    runtime::Engine engine((*db)->store(),
                           AgentBrains({.llm = &llm,
                                        .transport = model.Transport(),
                                        .clock = &model_clock,
                                        .endpoint = &endpoint,
                                        .forced = thinks_with == "llm" ? core::BrainKind::kLlm
                                                                       : core::BrainKind::kLocal,
                                        .log = {}}),
                           clock);
    ChatOptions options;
    const std::string customer = Directive(script.str(), "customer");
    if (!customer.empty()) options.customer_id = customer;
    if (const std::string channel = Directive(script.str(), "channel"); !channel.empty()) {
      const auto parsed = core::ParseChannel(channel);
      ASSERT_TRUE(parsed) << "# channel: must be web, whatsapp, messenger or instagram";
      options.channel = *parsed;
    }
    std::ostringstream transcript;
    auto session =
        ChatSession::Start((*db)->store(), engine, clock, report->workspace, options, transcript);
    ASSERT_TRUE(session.ok()) << session.error().message;
    EXPECT_EQ(RunScenario(*session, script.str(), thinks_with == "llm" ? &model : nullptr), 0)
        << "transcript:\n"
        << transcript.str();
  }
}

INSTANTIATE_TEST_SUITE_P(Transcripts, ScenarioTest, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace app
