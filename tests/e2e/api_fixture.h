// Test support: the "shop" server with its owner and a collaborator (bea) signed in, short calls
// of the JSON API that return the status and the parsed body, and web chat customers.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "e2e/crm_server.h"

namespace e2e {

struct Answer {
  int status = 0;       // 0: no answer
  nlohmann::json body;  // discarded (is_discarded()) when empty or not JSON
  std::string raw;
  httplib::Headers headers;
};

class ApiTest : public ::testing::Test {
 protected:
  static constexpr const char* kCollaboratorEmail = "bea@shop.example";

  void SetUp() override;

  // `body` is sent as JSON unless `content_type` says otherwise.
  Answer Call(const httplib::Headers& as, const std::string& method, const std::string& path,
              const std::string& body = "", const std::string& content_type = "application/json");
  Answer Call(const httplib::Headers& as, const std::string& method, const std::string& path,
              const nlohmann::json& body) {
    return Call(as, method, path, body.dump());
  }

  // The status the server answers a request that announces a body of `content_length` bytes
  // but sends none: what a body limit gives before the body is read (0: no answer).
  int StatusOfAnnouncedBody(const httplib::Headers& as, const std::string& method,
                            const std::string& path, std::size_t content_length);

  // The same for JSON bodies, shorter.
  Answer Get(const std::string& path, const httplib::Headers& as) { return Call(as, "GET", path); }
  Answer Post(const std::string& path, const nlohmann::json& body, const httplib::Headers& as) {
    return Call(as, "POST", path, body);
  }
  Answer Patch(const std::string& path, const nlohmann::json& body, const httplib::Headers& as) {
    return Call(as, "PATCH", path, body);
  }

  // A web chat visitor of `workspace` writes `text`; `visitor` keeps its fd_visitor cookie
  // ("" for a new visitor). The reply is stored when this returns (debounce 0, and
  // CrmServer::WaitForReplies).
  void Customer(std::string& visitor, const std::string& text,
                const std::string& workspace = "shop");

  CrmServerOptions options_;  // how SetUp starts the server: a derived fixture's constructor sets
  CrmServer crm_;
  httplib::Headers owner_;
  httplib::Headers bea_;  // a collaborator of "shop"
};

// "/api/v1/workspaces/shop" + rest.
std::string Shop(const std::string& rest);

}  // namespace e2e
