// The real `frontdesk` binary: init, chat across runs, JSON lines, exit codes, nlu.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "testing/fake_llm.h"
#include "testing/serve_process.h"
#include "testing/temp_dir.h"

namespace app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

struct Outcome {
  int status = -1;
  std::string out;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = (dir_ / "fd.db").string(); }

  // Runs `frontdesk ARGS` with `input` on stdin and the variables `env` ("A=1 B=2 ") set;
  // stdout and stderr together.
  Outcome Frontdesk(const std::string& args, const std::string& input = "",
                    const std::string& env = "") {
    std::ofstream(dir_ / "stdin") << input;
    const std::string command = env + std::string(FRONTDESK_BINARY) + " " + args + " < " +
                                (dir_ / "stdin").string() + " 2>&1";
    Outcome run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) run.out.append(buffer, n);
    const int status = ::pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }

  Outcome Init(const std::string& example) {
    return Frontdesk("init --db " + db_ + " --config " + std::string(FRONTDESK_SOURCE_DIR) +
                     "/examples/" + example + "/workspace.toml");
  }

  std::vector<json> Lines(const std::string& out) {
    std::vector<json> lines;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) lines.push_back(json::parse(line));
    return lines;
  }

  testing_support::TempDir dir_;
  std::string db_;
};

TEST_F(CliTest, InitCreatesThenUpdates) {
  Outcome first = Init("shop");
  EXPECT_EQ(first.status, 0) << first.out;
  EXPECT_THAT(first.out, HasSubstr("created workspace 'casa-verde' and published version 1"));
  Outcome second = Init("shop");
  EXPECT_EQ(second.status, 0);
  EXPECT_THAT(second.out, HasSubstr("updated workspace 'casa-verde' and published version 2"));
}

TEST_F(CliTest, InitErrorsNameTheKeyAndLine) {
  std::ofstream(dir_ / "bad.toml") << "slug = \"x\"\n[agent]\ngreeting = \"Hi\"\nworkflow = 3\n";
  Outcome run = Frontdesk("init --db " + db_ + " --config " + (dir_ / "bad.toml").string());
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.out, HasSubstr("bad.toml:4: agent.workflow: must be a string"));
}

TEST_F(CliTest, ChatStatePersistsAcrossRunsAndTimeNeverRunsBackwards) {
  ASSERT_EQ(Init("shop").status, 0);
  const std::string chat = "chat --db " + db_ + " --workspace casa-verde --customer ana --json";
  Outcome first = Frontdesk(chat, "hi\n/take\n");
  ASSERT_EQ(first.status, 0) << first.out;

  Outcome second = Frontdesk(chat,
                             "/expect mode manual\nare you there?\n/expect silence\n"
                             "/advance 20m\n/expect event auto_resume\n");
  ASSERT_EQ(second.status, 0) << second.out;
  const auto second_lines = Lines(second.out);
  ASSERT_FALSE(second_lines.empty());
  const std::string last_at = second_lines.back()["at"];

  Outcome third = Frontdesk(chat, "/state\n");
  ASSERT_EQ(third.status, 0) << third.out;
  const auto state = Lines(third.out).back();
  EXPECT_EQ(state["type"], "state");
  EXPECT_EQ(state["mode"], "ai");
  // ISO 8601 UTC strings order as times: the simulated clock kept the 20 minutes.
  EXPECT_GE(state["at"].get<std::string>(), last_at);
}

TEST_F(CliTest, JsonLinesCarryTheCommonKeys) {
  ASSERT_EQ(Init("shop").status, 0);
  Outcome run = Frontdesk("chat --db " + db_ + " --workspace casa-verde --json",
                          "I want to talk to a person\n/lead\n/notifications\n/state\n");
  ASSERT_EQ(run.status, 0) << run.out;
  std::set<std::string> types;
  for (const json& line : Lines(run.out)) {
    for (const char* key : {"type", "author", "text", "mode", "resume_at", "at"}) {
      EXPECT_TRUE(line.contains(key)) << key << " missing in " << line.dump();
    }
    types.insert(line["type"]);
  }
  EXPECT_EQ(types, (std::set<std::string>{"message", "event", "notification", "lead", "state"}));
}

TEST_F(CliTest, AFailedExpectationFailsTheScript) {
  ASSERT_EQ(Init("shop").status, 0);
  Outcome run = Frontdesk("chat --db " + db_ + " --workspace casa-verde",
                          "hello\n/expect mode manual\nnever reached\n");
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.out, HasSubstr("expected mode manual, it is ai"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("never reached")));
}

TEST_F(CliTest, ChatWithTheLanguageModelOfTheEnvironment) {
  ASSERT_EQ(Init("shop").status, 0);
  testing_support::FakeLlm llm;
  ASSERT_TRUE(llm.started());
  llm.SetResponder([](const testing_support::LlmCall&) {
    return testing_support::ContentAnswer(json{
        {"reply", "Yes: the linen napkins, 24.00 USD."},
        {"language", "en"},
        {"asked", true},
        {"answered", true},
        {"handoff", nullptr},
        {"answer", nullptr},
        {"cited_products", json::array()}}.dump());
  });
  const std::string env = "FRONTDESK_LLM_BASE_URL=" + llm.base_url() +
                          " FRONTDESK_LLM_MODEL=m FRONTDESK_LLM_OUTPUT=structured ";
  const Outcome run =
      Frontdesk("chat --brain llm --db " + db_ + " --workspace casa-verde --customer ana",
                "do you have linen napkins?\n/expect ai linen napkins, 24\\.00 USD\n", env);
  EXPECT_EQ(run.status, 0) << run.out;
  ASSERT_EQ(llm.calls().size(), 1u);
  // Without the model configured, --brain llm says what is missing.
  const Outcome missing = Frontdesk("chat --brain llm --db " + db_ + " --workspace casa-verde");
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.out, HasSubstr("FRONTDESK_LLM_BASE_URL"));
}

TEST_F(CliTest, UnknownWorkspaceSaysHowToCreateIt) {
  Outcome run = Frontdesk("chat --db " + db_ + " --workspace nope");
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.out, HasSubstr("no workspace 'nope'"));
}

TEST_F(CliTest, NluReadsEachLine) {
  Outcome run = Frontdesk("nlu",
                          "{\"text\": \"quiero hablar con una persona\"}\n"
                          "{\"text\": \"no need for a human\"}\n");
  ASSERT_EQ(run.status, 0) << run.out;
  const auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["language"], "es");
  EXPECT_EQ(lines[0]["handoff"], true);
  EXPECT_EQ(lines[1]["handoff"], false);
  EXPECT_TRUE(lines[1].contains("frustration"));
}

TEST_F(CliTest, NluSaysWhatAContextAndACatalogWouldAnswerFrom) {
  const std::string files = std::string(" --context ") + FRONTDESK_SOURCE_DIR +
                            "/examples/shop/context.md --catalog " + FRONTDESK_SOURCE_DIR +
                            "/tests/data/xlsx/shop.xlsx";
  Outcome run = Frontdesk("nlu" + files,
                          "{\"text\": \"are you open on saturday?\"}\n"
                          "{\"text\": \"do you do wholesale orders for my restaurant?\"}\n"
                          "{\"text\": \"any stoneware mugs?\"}\n"
                          "{\"text\": \"do you repair cars?\"}\n");
  ASSERT_EQ(run.status, 0) << run.out;
  const auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["answer"]["kind"], "sentences");
  EXPECT_EQ(lines[0]["answer"]["sentences"], nlohmann::json::array({"Saturday: 10:00 to 17:00"}));
  EXPECT_EQ(lines[1]["answer"]["kind"], "reserved");
  EXPECT_THAT(lines[1]["answer"]["rule"].get<std::string>(), HasSubstr("Wholesale"));
  EXPECT_EQ(lines[2]["answer"]["kind"], "products");
  EXPECT_EQ(lines[2]["answer"]["products"][0]["sku"], "KIT-001");
  EXPECT_EQ(lines[3]["answer"]["kind"], "none");

  const Outcome missing = Frontdesk("nlu --context /nonexistent/context.md", "");
  EXPECT_EQ(missing.status, 2);
  EXPECT_THAT(missing.out, HasSubstr("cannot read '/nonexistent/context.md'"));
}

TEST_F(CliTest, UserAddCreatesAnOwnerWithThePasswordFromStdin) {
  ASSERT_EQ(Init("shop").status, 0);
  const std::string add = "user add --db " + db_ + " --workspace casa-verde";
  const Outcome owner =
      Frontdesk(add + " --email Owner@Casa-Verde.Example --role owner", "a long secret\n");
  EXPECT_EQ(owner.status, 0) << owner.out;
  EXPECT_THAT(owner.out, HasSubstr("created the user owner@casa-verde.example as owner"));
  // One owner per workspace; nothing is created when the membership fails.
  const Outcome second =
      Frontdesk(add + " --email second@casa-verde.example --role owner", "another secret\n");
  EXPECT_EQ(second.status, 1);
  EXPECT_THAT(second.out, HasSubstr("already has an owner"));
  const Outcome retried =
      Frontdesk(add + " --email second@casa-verde.example --role collaborator", "another secret\n");
  EXPECT_EQ(retried.status, 0) << retried.out;
  EXPECT_THAT(retried.out, HasSubstr("created the user second@casa-verde.example"));
}

TEST_F(CliTest, UserAddExplainsWhatIsWrong) {
  ASSERT_EQ(Init("shop").status, 0);
  const std::string add = "user add --db " + db_ + " --email ana@casa-verde.example";
  EXPECT_THAT(Frontdesk(add + " --workspace casa-verde --role owner", "short\n").out,
              HasSubstr("at least 10 characters"));
  EXPECT_THAT(Frontdesk(add + " --workspace casa-verde --role boss", "a long secret\n").out,
              HasSubstr("--role must be owner or collaborator"));
  EXPECT_THAT(Frontdesk(add + " --workspace nowhere --role owner", "a long secret\n").out,
              HasSubstr("no workspace 'nowhere'"));
  const Outcome bad_email =
      Frontdesk("user add --db " + db_ + " --workspace casa-verde --email ana --role owner",
                "a long secret\n");
  EXPECT_EQ(bad_email.status, 1);
  EXPECT_THAT(bad_email.out, HasSubstr("'ana' is not an email address"));
}

TEST_F(CliTest, AnExistingUserJoinsAnotherWorkspaceWithTheirOwnPassword) {
  ASSERT_EQ(Init("shop").status, 0);
  ASSERT_EQ(Init("firm").status, 0);
  ASSERT_EQ(Frontdesk("user add --db " + db_ +
                          " --workspace casa-verde --email ana@example.com --role owner",
                      "a long secret\n")
                .status,
            0);
  const Outcome joined = Frontdesk("user add --db " + db_ +
                                   " --workspace rivera-costa-law --email ana@example.com --role "
                                   "collaborator");
  EXPECT_EQ(joined.status, 0) << joined.out;
  EXPECT_THAT(joined.out, HasSubstr("added the existing user ana@example.com as collaborator"));
  EXPECT_THAT(joined.out, HasSubstr("password unchanged"));
}

}  // namespace
TEST_F(CliTest, MigrateBringsTheDatabaseGivenByUrlOrEnvironmentUpToDate) {
  const Outcome by_flag = Frontdesk("migrate --db sqlite:" + db_);
  EXPECT_EQ(by_flag.status, 0) << by_flag.out;
  EXPECT_THAT(by_flag.out, HasSubstr("the database is at schema version "));
  const Outcome by_env = Frontdesk("migrate", "", "FRONTDESK_DATABASE_URL=sqlite:" + db_ + " ");
  EXPECT_EQ(by_env.status, 0) << by_env.out;
  const Outcome unknown = Frontdesk("migrate --db mysql://fd:secret@db/fd");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_THAT(unknown.out, HasSubstr("unsupported database URL"));
  EXPECT_THAT(unknown.out, ::testing::Not(HasSubstr("secret")));
}

TEST_F(CliTest, ASecondServerOnOneSqliteFileStopsAtOnceSayingWhy) {
  testing_support::ServeProcess first(
      FRONTDESK_BINARY,
      {{"FRONTDESK_DATABASE_URL", "sqlite:" + db_}, {"FRONTDESK_SERVER_PORT", "0"}});
  ASSERT_TRUE(first.Start());
  const Outcome second =
      Frontdesk("serve", "", "FRONTDESK_DATABASE_URL=sqlite:" + db_ + " FRONTDESK_SERVER_PORT=0 ");
  EXPECT_EQ(second.status, 1);
  EXPECT_THAT(second.out, HasSubstr("another frontdesk serve is already running"));
  // The first one still serves.
  httplib::Client client("127.0.0.1", first.port());
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

}  // namespace app
