// Channels over HTTP: all three Meta channels and the web chat are listed; the owner connects,
// updates and disconnects; secrets are write-only (never in any answer) and an omitted one keeps
// the stored one, which webhooks then use; an account belongs to one workspace.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/api_fixture.h"
#include "store/database.h"

namespace e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kChannels = "/api/v1/workspaces/shop/channels";
constexpr const char* kWhatsapp = "/api/v1/workspaces/shop/channels/whatsapp";
constexpr const char* kToken = "EAAG-secret-access-token";
constexpr const char* kAppSecret = "app-secret-5f2b";
constexpr const char* kVerifyToken = "verify-token-9c1d";

const json kConnect = {{"account_id", "106540352242922"},
                       {"access_token", kToken},
                       {"app_secret", kAppSecret},
                       {"verify_token", kVerifyToken},
                       {"app_id", "1234"}};

class ChannelSettingsE2eTest : public ApiTest {
 protected:
  // Every answer's text, to check that no secret is ever in one.
  Answer Seen(const Answer& a) {
    seen_ += a.raw;
    return a;
  }
  json Channels() {
    const Answer a = Seen(Call(bea_, "GET", kChannels));
    EXPECT_EQ(a.status, 200) << a.raw;
    return a.body["channels"];
  }
  int Handshake(const std::string& verify_token) {
    auto r = crm_.client().Get(
        "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=42&hub.verify_token=" + verify_token);
    return r ? r->status : 0;
  }
  void TearDown() override {
    for (const char* secret : {kToken, kAppSecret, kVerifyToken, "EAAG-new-token"}) {
      EXPECT_THAT(seen_, Not(HasSubstr(secret)));
    }
  }

  std::string seen_;
};

TEST_F(ChannelSettingsE2eTest, EveryChannelIsListedConnectedOrNot) {
  EXPECT_EQ(Channels(), json::parse(R"([
    {"channel": "whatsapp", "status": "not_connected", "account_id": null, "app_id": "",
     "access_token_set": false, "app_secret_set": false, "verify_token_set": false},
    {"channel": "messenger", "status": "not_connected", "account_id": null, "app_id": "",
     "access_token_set": false, "app_secret_set": false, "verify_token_set": false},
    {"channel": "instagram", "status": "not_connected", "account_id": null, "app_id": "",
     "access_token_set": false, "app_secret_set": false, "verify_token_set": false},
    {"channel": "web", "status": "connected", "url": "/chat/shop"}])"));
}

TEST_F(ChannelSettingsE2eTest, TheOwnerConnectsUpdatesAndDisconnects) {
  const Answer connected = Seen(Call(owner_, "PUT", kWhatsapp, kConnect));
  ASSERT_EQ(connected.status, 200) << connected.raw;
  EXPECT_EQ(connected.body, json::parse(R"({"channel": "whatsapp", "status": "connected",
      "account_id": "106540352242922", "app_id": "1234", "access_token_set": true,
      "app_secret_set": true, "verify_token_set": true})"));
  EXPECT_EQ(Channels()[0], connected.body);
  EXPECT_EQ(Handshake(kVerifyToken), 200);  // webhooks use what was stored

  // An update without secrets keeps them.
  const Answer updated = Seen(Call(owner_, "PUT", kWhatsapp, json{{"app_id", "5678"}}));
  ASSERT_EQ(updated.status, 200) << updated.raw;
  EXPECT_EQ(updated.body["app_id"], "5678");
  EXPECT_EQ(updated.body["verify_token_set"], true);
  EXPECT_EQ(Handshake(kVerifyToken), 200);

  // Another account replaces the channel's one.
  const Answer moved =
      Seen(Call(owner_, "PUT", kWhatsapp, json{{"account_id", "200000000000001"}}));
  ASSERT_EQ(moved.status, 200) << moved.raw;
  const json listed = Channels();
  EXPECT_EQ(listed[0]["account_id"], "200000000000001");
  EXPECT_EQ(listed[0]["app_id"], "5678");

  ASSERT_EQ(Seen(Call(owner_, "DELETE", kWhatsapp)).status, 204);
  EXPECT_EQ(Channels()[0]["status"], "not_connected");
  EXPECT_EQ(Handshake(kVerifyToken), 403);
  EXPECT_EQ(Seen(Call(owner_, "DELETE", kWhatsapp)).status, 404);
}

TEST_F(ChannelSettingsE2eTest, ANewTokenReconnectsAChannelThatNeedsIt) {
  ASSERT_EQ(Seen(Call(owner_, "PUT", kWhatsapp, kConnect)).status, 200);
  {
    // What the outbox does when Meta refuses the token.
    auto db = store::OpenDatabase(crm_.database(), {});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->channel_accounts()
                    .SetChannelStatus(core::Channel::kWhatsapp, "106540352242922",
                                      core::ChannelStatus::kReconnectionNeeded)
                    .ok());
  }
  EXPECT_EQ(Channels()[0]["status"], "reconnection_needed");
  const Answer same = Seen(Call(owner_, "PUT", kWhatsapp, json{{"app_id", "1"}}));
  EXPECT_EQ(same.body["status"], "reconnection_needed");  // no new token: still broken
  const Answer renewed =
      Seen(Call(owner_, "PUT", kWhatsapp, json{{"access_token", "EAAG-new-token"}}));
  ASSERT_EQ(renewed.status, 200) << renewed.raw;
  EXPECT_EQ(renewed.body["status"], "connected");
}

TEST_F(ChannelSettingsE2eTest, BadBodiesAre400AndChangeNothing) {
  const Answer missing = Seen(Call(owner_, "PUT", "/api/v1/workspaces/shop/channels/messenger",
                                   json{{"account_id", "page-1"}}));
  ASSERT_EQ(missing.status, 400) << missing.raw;
  EXPECT_EQ(missing.body["error"]["fields"], json::parse(R"([
    {"field": "access_token", "message": "is required"},
    {"field": "app_secret", "message": "is required"},
    {"field": "verify_token", "message": "is required"}])"));
  ASSERT_EQ(Seen(Call(owner_, "PUT", kWhatsapp, kConnect)).status, 200);
  const json before = Channels();
  for (const json& bad :
       {json{{"access_token", 7}}, json{{"access_token", ""}}, json{{"password", "x"}},
        json{{"account_id", "has space"}}, json{{"verify_token", "line\nbreak"}},
        json{{"app_secret", std::string(5000, 's')}}}) {
    const Answer a = Seen(Call(owner_, "PUT", kWhatsapp, bad));
    EXPECT_EQ(a.status, 400) << bad.dump();
    EXPECT_EQ(a.body["error"]["fields"].size(), 1u) << a.raw;
  }
  EXPECT_EQ(Seen(Call(owner_, "PUT", kWhatsapp, std::string("{\"account_id\":"))).status, 400);
  EXPECT_EQ(Seen(Call(owner_, "PUT", "/api/v1/workspaces/shop/channels/fax", kConnect)).status,
            404);
  EXPECT_EQ(Seen(Call(owner_, "PUT", "/api/v1/workspaces/shop/channels/web", kConnect)).status,
            400);
  EXPECT_EQ(Channels(), before);
}

TEST_F(ChannelSettingsE2eTest, AnAccountBelongsToOneWorkspace) {
  ASSERT_EQ(Seen(Call(owner_, "PUT", kWhatsapp, kConnect)).status, 200);
  ASSERT_EQ(Call(owner_, "POST", "/api/v1/workspaces", json{{"slug", "casa"}}).status, 201);
  const Answer taken =
      Seen(Call(owner_, "PUT", "/api/v1/workspaces/casa/channels/whatsapp", kConnect));
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.body["error"]["code"], "already_exists");
  EXPECT_EQ(
      Seen(Call(owner_, "GET", "/api/v1/workspaces/casa/channels")).body["channels"][0]["status"],
      "not_connected");
}

TEST_F(ChannelSettingsE2eTest, CollaboratorsSeeButNeverChangeChannels) {
  ASSERT_EQ(Seen(Call(owner_, "PUT", kWhatsapp, kConnect)).status, 200);
  EXPECT_EQ(Seen(Call(bea_, "PUT", kWhatsapp, json{{"access_token", "EAAG-new-token"}})).status,
            403);
  EXPECT_EQ(Seen(Call(bea_, "DELETE", kWhatsapp)).status, 403);
  EXPECT_EQ(Channels()[0]["status"], "connected");
  EXPECT_EQ(Handshake(kVerifyToken), 200);
}

TEST_F(ChannelSettingsE2eTest, AnotherWorkspacesChannelsDoNotExist) {
  ASSERT_TRUE(crm_.AddWorkspace("other"));
  for (const std::string method : {"GET", "PUT", "DELETE"}) {
    const std::string path = method == "GET" ? "" : "/whatsapp";
    const Answer other =
        Seen(Call(owner_, method, "/api/v1/workspaces/other/channels" + path, kConnect));
    const Answer none =
        Seen(Call(owner_, method, "/api/v1/workspaces/nowhere/channels" + path, kConnect));
    EXPECT_EQ(other.status, 404) << method;
    EXPECT_EQ(other.raw, none.raw);
  }
}

}  // namespace
}  // namespace e2e
