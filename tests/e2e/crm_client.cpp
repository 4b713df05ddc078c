#include "e2e/crm_client.h"

namespace e2e {
namespace {

using nlohmann::json;

Reply ReplyOf(const httplib::Result& r) {
  if (!r) return {};
  return {r->status, json::parse(r->body, nullptr, /*allow_exceptions=*/false)};
}

}  // namespace

std::string Shop(const std::string& rest) { return "/api/v1/workspaces/shop" + rest; }

httplib::Headers CrmE2eTest::SignIn(const std::string& email, const std::string& password) {
  auto r =
      crm_.client().Post("/api/v1/auth/login",
                         json{{"email", email}, {"password", password}}.dump(), "application/json");
  EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
  if (!r || r->status != 200) return {};
  const std::string set = r->get_header_value("Set-Cookie");
  return {{"Cookie", set.substr(0, set.find(';'))},
          {"X-CSRF-Token", json::parse(r->body)["csrf_token"].get<std::string>()}};
}

httplib::Headers CrmE2eTest::Collaborator(const std::string& email) {
  const Reply added =
      Post(Shop("/members"), {{"email", email}, {"password", "a first password"}}, owner_);
  EXPECT_EQ(added.status, 201) << added.body;
  return SignIn(email, "a first password");
}

Reply CrmE2eTest::Get(const std::string& path, const httplib::Headers& as) {
  return ReplyOf(crm_.client().Get(path, as));
}

Reply CrmE2eTest::Post(const std::string& path, const json& body, const httplib::Headers& as) {
  return ReplyOf(crm_.client().Post(path, as, body.dump(), "application/json"));
}

Reply CrmE2eTest::Patch(const std::string& path, const json& body, const httplib::Headers& as) {
  return ReplyOf(crm_.client().Patch(path, as, body.dump(), "application/json"));
}

void CrmE2eTest::Customer(std::string& visitor, const std::string& text,
                          const std::string& workspace) {
  httplib::Headers headers;
  if (!visitor.empty()) headers.emplace("Cookie", visitor);
  auto r = crm_.client().Post("/chat/" + workspace + "/messages", headers,
                              json{{"text", text}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  if (const std::string set = r->get_header_value("Set-Cookie"); !set.empty()) {
    visitor = set.substr(0, set.find(';'));
  }
}

}  // namespace e2e
