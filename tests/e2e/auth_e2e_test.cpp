// Signing in over HTTP against the real binary: a user made with `frontdesk user add`, the
// session cookie (as configured) and its CSRF token, API tokens, sign-out, a new password, and bad
// input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/crm_server.h"

namespace e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kPassword = CrmServer::kOwnerPassword;

class AuthE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crm_.Start());
    client_ = &crm_.client();
  }

  httplib::Result ChangePassword(const httplib::Headers& headers, const std::string& current,
                                 const std::string& next) {
    return client_->Post("/api/v1/me/password", headers,
                         json{{"current_password", current}, {"new_password", next}}.dump(),
                         "application/json");
  }

  httplib::Result Login(const std::string& email, const std::string& password) {
    return client_->Post("/api/v1/auth/login",
                         json{{"email", email}, {"password", password}}.dump(), "application/json");
  }

  // The session cookie's "fd_session=..." pair from a login response.
  static std::string CookiePair(const httplib::Response& r) {
    const std::string set_cookie = r.get_header_value("Set-Cookie");
    return set_cookie.substr(0, set_cookie.find(';'));
  }

  CrmServer crm_;
  httplib::Client* client_ = nullptr;
};

TEST_F(AuthE2eTest, ASignedInBrowserSeesItsWorkspacesAndChangesStateWithItsCsrfToken) {
  auto login = Login("Owner@Shop.Example", kPassword);
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const json body = json::parse(login->body);
  EXPECT_EQ(body["user"]["email"], "owner@shop.example");
  const std::string set_cookie = login->get_header_value("Set-Cookie");
  EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(set_cookie, HasSubstr("SameSite=Lax"));
  EXPECT_THAT(set_cookie, HasSubstr("Max-Age=604800"));          // 7 days
  EXPECT_THAT(set_cookie, ::testing::Not(HasSubstr("Secure")));  // plain HTTP signs in
  const httplib::Headers cookie = {{"Cookie", CookiePair(*login)}};

  auto me = client_->Get("/api/v1/me", cookie);
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(json::parse(me->body)["workspaces"],
            json::parse(R"([{"slug": "shop", "role": "owner"}])"));

  // A state change with the cookie alone (what another site can make a browser send): refused.
  auto forged =
      client_->Post("/api/v1/tokens", cookie, R"({"name": "script"})", "application/json");
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(json::parse(forged->body)["error"]["code"], "permission_denied");
  httplib::Headers with_csrf = cookie;
  with_csrf.emplace("X-CSRF-Token", body["csrf_token"].get<std::string>());
  auto created =
      client_->Post("/api/v1/tokens", with_csrf, R"({"name": "script"})", "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string token = json::parse(created->body)["token"];

  // A script with the token; the listing never shows a secret.
  auto listed = client_->Get("/api/v1/tokens", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(listed->status, 200);
  EXPECT_THAT(listed->body, HasSubstr("script"));
  EXPECT_THAT(listed->body, ::testing::Not(HasSubstr(token)));

  auto out = client_->Post("/api/v1/auth/logout", with_csrf, "", "application/json");
  EXPECT_EQ(out->status, 204);
  EXPECT_THAT(out->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  EXPECT_EQ(client_->Get("/api/v1/me", cookie)->status, 401);
  EXPECT_EQ(client_->Get("/api/v1/me", {{"Authorization", "Bearer " + token}})->status, 200);
}

TEST(AuthSettingsE2eTest, TheSessionCookieIsSecureAndLastsAsConfigured) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start({.env = {{"FRONTDESK_SESSION_SECURE_COOKIE", "true"},
                                 {"FRONTDESK_SESSION_LIFETIME_HOURS", "2"}}}));
  auto login = crm.client().Post(
      "/api/v1/auth/login", json{{"email", CrmServer::kOwnerEmail}, {"password", kPassword}}.dump(),
      "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string set_cookie = login->get_header_value("Set-Cookie");
  EXPECT_THAT(set_cookie, HasSubstr("; Secure"));
  EXPECT_THAT(set_cookie, HasSubstr("Max-Age=7200"));
  EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
}

TEST_F(AuthE2eTest, ACollaboratorReplacesTheFirstPasswordTheOwnerGaveThem) {
  const httplib::Headers owner = crm_.SignIn(CrmServer::kOwnerEmail, kPassword);
  auto added =
      client_->Post("/api/v1/workspaces/shop/members", owner,
                    json{{"email", "bea@shop.example"}, {"password", "a first password"}}.dump(),
                    "application/json");
  ASSERT_EQ(added->status, 201) << added->body;
  const httplib::Headers laptop = crm_.SignIn("bea@shop.example", "a first password");
  const httplib::Headers phone = crm_.SignIn("bea@shop.example", "a first password");
  auto created =
      client_->Post("/api/v1/tokens", laptop, R"({"name": "script"})", "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const httplib::Headers script = {
      {"Authorization", "Bearer " + json::parse(created->body)["token"].get<std::string>()}};

  auto wrong = ChangePassword(laptop, "not my password", "bea's own secret");
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(json::parse(wrong->body)["error"],
            json::parse(R"({"code": "permission_denied", "message": "the current password is wrong",
                              "fields": [{"field": "current_password",
                                          "message": "the current password is wrong"}]})"));
  auto too_short = ChangePassword(laptop, "a first password", "short");
  EXPECT_EQ(too_short->status, 400);
  EXPECT_THAT(too_short->body, HasSubstr("at least 10 characters"));
  auto no_csrf = ChangePassword({{"Cookie", laptop.find("Cookie")->second}}, "a first password",
                                "bea's own secret");
  EXPECT_EQ(no_csrf->status, 403);

  auto changed = ChangePassword(laptop, "a first password", "bea's own secret");
  ASSERT_EQ(changed->status, 204) << changed->body;
  EXPECT_EQ(client_->Get("/api/v1/me", laptop)->status, 200);  // this browser stays signed in
  EXPECT_EQ(client_->Get("/api/v1/me", phone)->status, 401);   // the other one is signed out
  EXPECT_EQ(client_->Get("/api/v1/me", script)->status, 200);  // API tokens stay
  EXPECT_EQ(Login("bea@shop.example", "a first password")->status, 401);
  EXPECT_EQ(Login("bea@shop.example", "bea's own secret")->status, 200);
}

TEST_F(AuthE2eTest, WrongPasswordsAreRefusedAlikeThenLimited) {
  auto wrong = Login("owner@shop.example", "not the password");
  auto unknown = Login("nobody@shop.example", kPassword);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(json::parse(wrong->body)["error"], json::parse(unknown->body)["error"]);
  for (int i = 0; i < 4; ++i) (void)Login("owner@shop.example", "still wrong");
  auto limited = Login("owner@shop.example", kPassword);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(json::parse(limited->body)["error"]["code"], "resource_exhausted");
}

TEST_F(AuthE2eTest, BadInputGetsAClearError) {
  auto malformed = client_->Post("/api/v1/auth/login", "{\"email\": ", "application/json");
  EXPECT_EQ(malformed->status, 400);
  EXPECT_THAT(malformed->body, HasSubstr("the body must be a JSON object"));
  auto missing =
      client_->Post("/api/v1/auth/login", R"({"email": "owner@shop.example"})", "application/json");
  EXPECT_EQ(missing->status, 400);
  EXPECT_THAT(missing->body, HasSubstr("email and password are required"));
  EXPECT_EQ(client_->Get("/api/v1/me")->status, 401);
  EXPECT_EQ(client_->Get("/api/v1/me", {{"Authorization", "Bearer fdt_nope"}})->status, 401);
}

}  // namespace
}  // namespace e2e
