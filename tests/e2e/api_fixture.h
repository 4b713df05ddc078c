// Test support: the "shop" server with its owner and a collaborator (bea) signed in, and short
// calls of the JSON API that return the status and the parsed body.
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

  CrmServer crm_;
  httplib::Headers owner_;
  httplib::Headers bea_;  // a collaborator of "shop"
};

}  // namespace e2e
