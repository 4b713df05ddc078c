// `frontdesk migrate --from sqlite:PATH --db postgres://...` as an operator runs it: the SQLite
// installation's serve stops, the move copies it, and a serve on PostgreSQL shows the owner the
// same conversations, with the owner signed in as before.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "e2e/crm_server.h"
#include "testing/postgres.h"
#include "testing/temp_dir.h"

namespace e2e {
namespace {

using nlohmann::json;

// Runs `command`; its exit status and standard output.
std::pair<int, std::string> RunCommand(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  return {pclose(pipe), output};
}

TEST(MoveE2eTest, ASqliteInstallationMovedToPostgresServesTheSameConversations) {
  testing_support::TempDir dir;
  const std::string sqlite = "sqlite:" + (dir.path() / "fd.db").string();
  CrmServer before;
  ASSERT_TRUE(before.Start({.database = sqlite}));
  const httplib::Headers owner = before.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  auto sent =
      before.client().Post("/chat/shop/messages",
                           json{{"text", "Do you fix carbon frames?"}}.dump(), "application/json");
  ASSERT_EQ(sent->status, 202);
  before.WaitForReplies();

  testing_support::PostgresDatabase postgres;
  const auto [refused, ignored] = RunCommand(std::string(FRONTDESK_BINARY) + " migrate --db '" +
                                             postgres.url() + "' --from '" + sqlite + "' 2>&1");
  EXPECT_NE(refused, 0) << "moved while the SQLite installation was served";
  before.Stop();
  const auto [status, output] = RunCommand(std::string(FRONTDESK_BINARY) + " migrate --db '" +
                                           postgres.url() + "' --from '" + sqlite + "' 2>&1");
  ASSERT_EQ(status, 0) << output;
  EXPECT_NE(output.find("moved 1 workspace(s), 1 conversation(s)"), std::string::npos) << output;

  CrmServer after;
  ASSERT_TRUE(after.StartOn(postgres.url()));
  auto listed = after.client().Get("/api/v1/workspaces/shop/conversations", owner);
  ASSERT_EQ(listed->status, 200) << listed->body;  // the session came along
  const json page = json::parse(listed->body);
  ASSERT_EQ(page["conversations"].size(), 1u);
  const auto id = page["conversations"][0]["id"].get<std::int64_t>();
  auto history = after.client().Get(
      "/api/v1/workspaces/shop/conversations/" + std::to_string(id) + "/messages", owner);
  ASSERT_EQ(history->status, 200);
  EXPECT_NE(history->body.find("Do you fix carbon frames?"), std::string::npos) << history->body;
}

}  // namespace
}  // namespace e2e
