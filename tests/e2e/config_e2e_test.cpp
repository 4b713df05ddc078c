// Workspaces and their agent configuration over HTTP: any user creates a workspace and owns it;
// the owner edits, publishes and discards the draft; collaborators only read; bad edits change
// nothing; another workspace's configuration does not exist for the caller.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/api_fixture.h"

namespace e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kConfig = "/api/v1/workspaces/shop/config";

class ConfigE2eTest : public ApiTest {
 protected:
  json Config(const std::string& path = kConfig) {
    const Answer a = Call(owner_, "GET", path);
    EXPECT_EQ(a.status, 200) << a.raw;
    return a.body;
  }
};

TEST_F(ConfigE2eTest, AnySignedInUserCreatesAWorkspaceAndOwnsIt) {
  const Answer created = Call(bea_, "POST", "/api/v1/workspaces", json{{"slug", "casa-verde"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body, (json{{"slug", "casa-verde"}, {"role", "owner"}}));
  const json me = Call(bea_, "GET", "/api/v1/me").body;
  EXPECT_THAT(me["workspaces"].dump(), HasSubstr(R"({"role":"owner","slug":"casa-verde"})"));

  const Answer fresh = Call(bea_, "GET", "/api/v1/workspaces/casa-verde/config");
  ASSERT_EQ(fresh.status, 200) << fresh.raw;
  EXPECT_EQ(fresh.body["draft_revision"], 0);
  EXPECT_EQ(fresh.body["draft"]["pause_minutes"], 15);
  EXPECT_TRUE(fresh.body["published"].is_null());
  EXPECT_EQ(fresh.body["published_version"], 0);
  EXPECT_EQ(fresh.body["unpublished_changes"], false);
  EXPECT_EQ(fresh.body["publish_problems"].size(), 2u);  // greeting, workflow
  // The owner of shop is no member of casa-verde.
  EXPECT_EQ(Call(owner_, "GET", "/api/v1/workspaces/casa-verde/config").status, 404);
}

TEST_F(ConfigE2eTest, BadOrTakenSlugsAndStrangersCreateNothing) {
  EXPECT_EQ(Call(owner_, "POST", "/api/v1/workspaces", json{{"slug", "Not Valid"}}).status, 400);
  EXPECT_EQ(Call(owner_, "POST", "/api/v1/workspaces", json{{"name", "x"}}).status, 400);
  EXPECT_EQ(Call(owner_, "POST", "/api/v1/workspaces", std::string("{not json")).status, 400);
  const Answer taken = Call(owner_, "POST", "/api/v1/workspaces", json{{"slug", "shop"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.body["error"]["code"], "already_exists");
  EXPECT_EQ(Call({}, "POST", "/api/v1/workspaces", json{{"slug", "anon"}}).status, 401);
  httplib::Headers no_csrf = owner_;
  no_csrf.erase("X-CSRF-Token");
  EXPECT_EQ(Call(no_csrf, "POST", "/api/v1/workspaces", json{{"slug", "forged"}}).status, 403);
  EXPECT_EQ(Call(owner_, "GET", "/api/v1/workspaces/anon/config").status, 404);
  EXPECT_EQ(Call(owner_, "GET", "/api/v1/workspaces/forged/config").status, 404);
  EXPECT_EQ(Call(owner_, "GET", "/api/v1/me").body["workspaces"].size(), 1u);
}

TEST_F(ConfigE2eTest, TheOwnerEditsPublishesAndDiscards) {
  const Answer edited = Call(owner_, "PATCH", std::string(kConfig) + "/draft",
                             json{{"greeting", "Welcome!"}, {"pause_minutes", nullptr}});
  ASSERT_EQ(edited.status, 200) << edited.raw;
  EXPECT_EQ(edited.body["draft"]["greeting"], "Welcome!");
  EXPECT_TRUE(edited.body["draft"]["pause_minutes"].is_null());
  EXPECT_EQ(edited.body["draft"]["workflow"], "handoff_to_human");  // kept
  EXPECT_EQ(edited.body["published"]["greeting"], "Hi!");
  EXPECT_EQ(edited.body["draft_revision"], 2);
  EXPECT_EQ(edited.body["unpublished_changes"], true);

  const Answer published = Call(owner_, "POST", std::string(kConfig) + "/publish", json::object());
  ASSERT_EQ(published.status, 200) << published.raw;
  EXPECT_EQ(published.body["published"]["greeting"], "Welcome!");
  EXPECT_EQ(published.body["published_version"], 2);
  EXPECT_EQ(published.body["unpublished_changes"], false);

  ASSERT_EQ(
      Call(owner_, "PATCH", std::string(kConfig) + "/draft", json{{"greeting", "Oops"}}).status,
      200);
  const Answer discarded = Call(owner_, "POST", std::string(kConfig) + "/discard");
  ASSERT_EQ(discarded.status, 200) << discarded.raw;
  EXPECT_EQ(discarded.body["draft"]["greeting"], "Welcome!");
  EXPECT_EQ(discarded.body["unpublished_changes"], false);
}

TEST_F(ConfigE2eTest, PublishNamesWhatIsMissingAndDiscardNeedsAPublishedVersion) {
  ASSERT_EQ(Call(owner_, "POST", "/api/v1/workspaces", json{{"slug", "casa"}}).status, 201);
  const std::string casa = "/api/v1/workspaces/casa/config";
  ASSERT_EQ(
      Call(owner_, "PATCH", casa + "/draft", json{{"workflow", "qualify_and_transfer"}}).status,
      200);
  const Answer refused = Call(owner_, "POST", casa + "/publish", json::object());
  ASSERT_EQ(refused.status, 400) << refused.raw;
  EXPECT_EQ(refused.body["error"]["fields"],
            json::parse(R"([{"field": "greeting", "message": "is required"},
                            {"field": "questions",
                             "message": "qualify_and_transfer needs at least one question"}])"));
  EXPECT_THAT(refused.body["error"]["message"].get<std::string>(),
              HasSubstr("cannot be published: greeting: is required; questions:"));
  EXPECT_EQ(Config(casa)["published_version"], 0);

  const Answer discard = Call(owner_, "POST", casa + "/discard");
  EXPECT_EQ(discard.status, 409);
  EXPECT_EQ(discard.body["error"]["code"], "failed_precondition");
}

TEST_F(ConfigE2eTest, BadEditsAre400AndChangeNothing) {
  const json before = Config();
  const std::string draft = std::string(kConfig) + "/draft";
  const std::pair<std::string, std::string> cases[] = {
      {R"({"greting": "typo"})", "greting"},
      {R"({"greeting": 7})", "greeting"},
      {R"({"questions": [{"text": " ", "label": "Budget"}]})", "questions[0].text"},
      {R"({"pause_minutes": 0})", "pause_minutes"},
      {R"({"debounce_seconds": 3600})", "debounce_seconds"},
      {R"({"company_name": ")" + std::string(201, 'n') + "\"}", "company_name"},
  };
  for (const auto& [body, field] : cases) {
    const Answer a = Call(owner_, "PATCH", draft, body);
    EXPECT_EQ(a.status, 400) << body;
    EXPECT_EQ(a.body["error"]["code"], "invalid_argument");
    EXPECT_EQ(a.body["error"]["fields"][0]["field"], field) << a.raw;
  }
  for (const char* malformed : {"{\"greeting\": ", "[]", "\"text\"", ""}) {
    EXPECT_EQ(Call(owner_, "PATCH", draft, std::string(malformed)).status, 400) << malformed;
  }
  // Over the server's body limit: refused before any handler reads it.
  EXPECT_EQ(StatusOfAnnouncedBody(owner_, "PATCH", draft, 5 << 20), 413);
  EXPECT_EQ(Config(), before);
}

TEST_F(ConfigE2eTest, CollaboratorsReadButNeverEdit) {
  const Answer read = Call(bea_, "GET", kConfig);
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body, Config());
  const std::string config = kConfig;
  for (const auto& [method, path] : {std::pair<std::string, std::string>{"PATCH", "/draft"},
                                     {"POST", "/publish"},
                                     {"POST", "/discard"}}) {
    const Answer refused = Call(bea_, method, config + path, json{{"greeting", "Mine"}});
    EXPECT_EQ(refused.status, 403) << method << " " << path;
    EXPECT_EQ(refused.body["error"]["code"], "permission_denied");
  }
  EXPECT_EQ(Config()["draft_revision"], read.body["draft_revision"]);
}

TEST_F(ConfigE2eTest, AnotherWorkspacesConfigurationDoesNotExist) {
  ASSERT_TRUE(crm_.AddWorkspace("other"));
  for (const auto& [method, path] : {std::pair<std::string, std::string>{"GET", ""},
                                     {"PATCH", "/draft"},
                                     {"POST", "/publish"},
                                     {"POST", "/discard"}}) {
    const Answer other = Call(owner_, method, "/api/v1/workspaces/other/config" + path,
                              json{{"greeting", "Stolen"}});
    const Answer none = Call(owner_, method, "/api/v1/workspaces/nowhere/config" + path,
                             json{{"greeting", "Stolen"}});
    EXPECT_EQ(other.status, 404) << method << " " << path;
    EXPECT_EQ(other.raw, none.raw);
  }
}

}  // namespace
}  // namespace e2e
