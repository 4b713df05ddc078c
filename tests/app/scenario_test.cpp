// The one runner of the transcript scenarios in tests/scenarios/: each file is a `frontdesk chat`
// script with /expect lines, run against a fresh SQLite database initialised from the example
// workspace its first line names ("# workspace: examples/shop/workspace.toml").
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/chat_session.h"
#include "app/init.h"
#include "brain/registry.h"
#include "store/sqlite/sqlite_store.h"
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
    auto store = store::SqliteStore::Open((dir / "fd.db").string());
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto workspace_file = ReadWorkspaceFile(kSource / workspace_path);
    ASSERT_TRUE(workspace_file.ok()) << workspace_file.error().message;
    auto report = InitWorkspace(**store, **store, *workspace_file);
    ASSERT_TRUE(report.ok()) << report.error().message;

    base::FakeClock clock(kStart);
    runtime::Engine engine(
        **store,
        [](const core::AgentConfig& config, const core::Catalog& catalog) {
          return brain::MakeBrain("local", config, catalog);
        },
        clock);
    ChatOptions options;
    const std::string customer = Directive(script.str(), "customer");
    if (!customer.empty()) options.customer_id = customer;
    std::ostringstream transcript;
    auto session =
        ChatSession::Start(**store, engine, clock, report->workspace, options, transcript);
    ASSERT_TRUE(session.ok()) << session.error().message;
    std::istringstream in(script.str());
    EXPECT_EQ(RunScript(*session, in), 0) << "transcript:\n" << transcript.str();
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
