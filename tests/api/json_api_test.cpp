// The API's error responses: status by code, and what an internal error shows and logs.
#include "api/json_api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace api {
namespace {

using nlohmann::json;

TEST(ErrorResponseTest, AnInternalErrorShowsNothingOfItsCauseAndLogsIt) {
  const http::Response r = ErrorResponse(base::Error::Internal("database error: disk I/O"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "internal");
  EXPECT_EQ(r.body.find("disk"), std::string::npos);
  EXPECT_EQ(r.log_note, "database error: disk I/O");
}

TEST(ErrorResponseTest, OtherErrorsShowTheirMessageAndLogNothing) {
  const http::Response r = ErrorResponse(base::Error::NotFound("no such conversation"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["error"]["message"], "no such conversation");
  EXPECT_EQ(r.log_note, "");
}

}  // namespace
}  // namespace api
