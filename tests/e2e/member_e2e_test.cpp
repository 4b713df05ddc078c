// The people of a workspace over HTTP: only the owner adds and removes collaborators, members of
// one workspace see nothing of another, and a removed collaborator loses access at once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/crm_server.h"

namespace e2e {
namespace {

using nlohmann::json;

class MemberE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crm_.Start());
    owner_ = crm_.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  }

  httplib::Result AddMember(const httplib::Headers& as, const json& body,
                            const std::string& workspace = "shop") {
    return crm_.client().Post("/api/v1/workspaces/" + workspace + "/members", as, body.dump(),
                              "application/json");
  }

  CrmServer crm_;
  httplib::Headers owner_;
};

TEST_F(MemberE2eTest, TheOwnerAddsACollaboratorWhoCanReadButNotManagePeople) {
  auto added = AddMember(owner_, {{"email", "Bea@Shop.Example"}, {"password", "bea's own secret"}});
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(json::parse(added->body)["role"], "collaborator");
  const httplib::Headers bea = crm_.SignIn("bea@shop.example", "bea's own secret");

  auto listed = crm_.client().Get("/api/v1/workspaces/shop/members", bea);
  ASSERT_EQ(listed->status, 200);
  const json members = json::parse(listed->body)["members"];
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0]["role"], "owner");
  EXPECT_EQ(members[1]["email"], "bea@shop.example");

  auto refused = AddMember(bea, {{"email", "cy@shop.example"}, {"password", "cy's own secret"}});
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(json::parse(refused->body)["error"]["code"], "permission_denied");
}

TEST_F(MemberE2eTest, ARemovedCollaboratorLosesAccessAtOnceAndTheOwnerStays) {
  auto added = AddMember(owner_, {{"email", "bea@shop.example"}, {"password", "bea's own secret"}});
  const std::string id = std::to_string(json::parse(added->body)["user_id"].get<int>());
  const httplib::Headers bea = crm_.SignIn("bea@shop.example", "bea's own secret");
  ASSERT_EQ(crm_.client().Delete("/api/v1/workspaces/shop/members/" + id, owner_)->status, 204);
  EXPECT_EQ(crm_.client().Get("/api/v1/workspaces/shop/members", bea)->status, 404);
  auto owner_id = json::parse(crm_.client().Get("/api/v1/me", owner_)->body)["user"]["id"];
  auto kept = crm_.client().Delete(
      "/api/v1/workspaces/shop/members/" + std::to_string(owner_id.get<int>()), owner_);
  EXPECT_EQ(kept->status, 409);
}

TEST_F(MemberE2eTest, AnotherWorkspaceIsIndistinguishableFromNone) {
  ASSERT_TRUE(crm_.AddWorkspace("other"));
  auto unknown = crm_.client().Get("/api/v1/workspaces/nowhere/members", owner_);
  auto other = crm_.client().Get("/api/v1/workspaces/other/members", owner_);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(unknown->body, other->body);
  EXPECT_EQ(
      AddMember(owner_, {{"email", "x@shop.example"}, {"password", "long enough pw"}}, "other")
          ->status,
      404);
  EXPECT_EQ(crm_.client().Get("/api/v1/workspaces/shop/members")->status, 401);
}

TEST_F(MemberE2eTest, EachProblemIsNamedOnItsField) {
  auto both = AddMember(owner_, {{"email", "not an email"}, {"password", "short"}});
  ASSERT_EQ(both->status, 400) << both->body;
  const json fields = json::parse(both->body)["error"]["fields"];
  ASSERT_EQ(fields.size(), 2u) << both->body;
  EXPECT_EQ(fields[0]["field"], "email");
  EXPECT_EQ(fields[1]["field"], "password");
  EXPECT_THAT(fields[1]["message"].get<std::string>(), ::testing::HasSubstr("at least 10"));
  auto missing = AddMember(owner_, {{"email", "bea@shop.example"}});
  const json only = json::parse(missing->body)["error"]["fields"];
  ASSERT_EQ(only.size(), 1u) << missing->body;
  EXPECT_EQ(only[0]["field"], "password");
}

TEST_F(MemberE2eTest, BadInputChangesNothing) {
  EXPECT_EQ(AddMember(owner_, {{"email", "bea@shop.example"}})->status, 400);  // no password
  EXPECT_EQ(AddMember(owner_, {{"email", "bea@shop.example"}, {"password", "short"}})->status, 400);
  EXPECT_EQ(AddMember(owner_, {{"email", "not an email"}, {"password", "long enough pw"}})->status,
            400);
  EXPECT_EQ(AddMember(owner_, {{"email", CrmServer::kOwnerEmail}})->status, 409);
  auto listed = crm_.client().Get("/api/v1/workspaces/shop/members", owner_);
  EXPECT_EQ(json::parse(listed->body)["members"].size(), 1u);
}

}  // namespace
}  // namespace e2e
