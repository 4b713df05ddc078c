// Test support for the CRM's end-to-end tests: signed-in users, web chat customers, and JSON
// requests against a CrmServer.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "e2e/crm_server.h"

namespace e2e {

// The answer to a request: its status and its body as JSON (null when it is not JSON).
struct Reply {
  int status = 0;
  nlohmann::json body;
};

class CrmE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crm_.Start());
    owner_ = SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  }

  // The headers of a signed-in browser: its cookie and CSRF token.
  httplib::Headers SignIn(const std::string& email, const std::string& password);
  // A collaborator of "shop" added by its owner, signed in.
  httplib::Headers Collaborator(const std::string& email);

  Reply Get(const std::string& path, const httplib::Headers& as);
  Reply Post(const std::string& path, const nlohmann::json& body, const httplib::Headers& as);
  Reply Patch(const std::string& path, const nlohmann::json& body, const httplib::Headers& as);

  // A web chat visitor of `workspace` writes `text`; `visitor` keeps its fd_visitor cookie
  // ("" for a new visitor). The reply is stored when this returns (debounce 0).
  void Customer(std::string& visitor, const std::string& text,
                const std::string& workspace = "shop");

  CrmServer crm_;
  httplib::Headers owner_;
};

// "/api/v1/workspaces/shop" + rest.
std::string Shop(const std::string& rest);

}  // namespace e2e
