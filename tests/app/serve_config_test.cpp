// The configuration of `frontdesk serve`: the documented example file, environment overrides,
// and errors that name the key.
#include "app/serve_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "testing/temp_dir.h"

namespace app {
namespace {

using ::testing::HasSubstr;

class ServeConfigTest : public ::testing::Test {
 protected:
  base::Result<ServeConfig> Read(const std::optional<std::string>& toml) {
    std::optional<std::filesystem::path> file;
    if (toml) {
      file = dir_ / "frontdesk.toml";
      std::ofstream(*file) << *toml;
    }
    return ReadServeConfig(file, [this](const char* name) -> const char* {
      const auto it = env_.find(name);
      return it == env_.end() ? nullptr : it->second.c_str();
    });
  }

  testing_support::TempDir dir_;
  std::map<std::string, std::string> env_;
};

TEST_F(ServeConfigTest, TheDocumentedExampleIsValidAndEveryKeyIsApplied) {
  auto config = ReadServeConfig(std::string(FRONTDESK_SOURCE_DIR) + "/examples/frontdesk.toml",
                                [](const char*) -> const char* { return nullptr; });
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->database, "frontdesk.db");
  EXPECT_EQ(config->server.port, 8080);
  EXPECT_EQ(config->server.worker_threads, 4u);
  EXPECT_EQ(config->graph_timeout, std::chrono::seconds{10});
  EXPECT_EQ(config->outbox.max_attempts, 8);
  EXPECT_EQ(config->outbox.parallel, 8);
  EXPECT_FALSE(config->auth_routes.secure_cookie);
  EXPECT_EQ(config->auth.session_lifetime, std::chrono::hours{168});
}

TEST_F(ServeConfigTest, TheSessionCookieIsSecureAndLastsAsLongAsConfigured) {
  auto defaults = Read(std::nullopt);
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_FALSE(defaults->auth_routes.secure_cookie);  // plain-HTTP installs sign in
  EXPECT_EQ(defaults->auth.session_lifetime, std::chrono::hours{7 * 24});

  auto file = Read("[session]\nsecure_cookie = true\nlifetime_hours = 12\n");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_TRUE(file->auth_routes.secure_cookie);
  EXPECT_EQ(file->auth.session_lifetime, std::chrono::hours{12});

  env_["FRONTDESK_SESSION_SECURE_COOKIE"] = "false";
  env_["FRONTDESK_SESSION_LIFETIME_HOURS"] = "720";
  auto overridden = Read("[session]\nsecure_cookie = true\nlifetime_hours = 12\n");
  ASSERT_TRUE(overridden.ok()) << overridden.error().message;
  EXPECT_FALSE(overridden->auth_routes.secure_cookie);
  EXPECT_EQ(overridden->auth.session_lifetime, std::chrono::hours{720});
}

TEST_F(ServeConfigTest, BadSessionSettingsAreNamed) {
  auto file = Read("[session]\nsecure_cookie = \"yes\"\nlifetime_hours = 0\n");
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error().message,
              HasSubstr("frontdesk.toml:2: session.secure_cookie: must be true or false"));
  EXPECT_THAT(file.error().message,
              HasSubstr("frontdesk.toml:3: session.lifetime_hours: must be a whole number from 1"));
  env_["FRONTDESK_SESSION_SECURE_COOKIE"] = "1";
  env_["FRONTDESK_SESSION_LIFETIME_HOURS"] = "one week";
  auto env = Read(std::nullopt);
  ASSERT_FALSE(env.ok());
  EXPECT_THAT(env.error().message,
              HasSubstr("FRONTDESK_SESSION_SECURE_COOKIE: must be true or false"));
  EXPECT_THAT(env.error().message, HasSubstr("FRONTDESK_SESSION_LIFETIME_HOURS: must be"));
  // A boolean is no number.
  env_.clear();
  auto port = Read("[server]\nport = true\n");
  ASSERT_FALSE(port.ok());
  EXPECT_THAT(port.error().message, HasSubstr("server.port: must be a whole number"));
}

TEST_F(ServeConfigTest, TheEnvironmentWinsOverTheFile) {
  env_["FRONTDESK_SERVER_PORT"] = "9090";
  env_["FRONTDESK_OUTBOX_PARALLEL_SENDS"] = "3";
  auto config = Read("[server]\nport = 8081\n[outbox]\nparallel_sends = 16\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->server.port, 9090);
  EXPECT_EQ(config->outbox.parallel, 3);
}

TEST_F(ServeConfigTest, ABadValueIsNamedWithItsLine) {
  auto config = Read("[server]\nport = 8080\n\n[outbox]\nparallel_sends = 0\n");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, base::ErrorCode::kInvalidArgument);
  EXPECT_THAT(config.error().message, HasSubstr("frontdesk.toml:5: outbox.parallel_sends"));
}

TEST_F(ServeConfigTest, AnUnknownKeyIsAnError) {
  auto config = Read("[server]\nprot = 8080\n");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.error().message, HasSubstr("server.prot: unknown key"));
}

TEST_F(ServeConfigTest, ABadEnvironmentValueNamesTheVariable) {
  env_["FRONTDESK_GRAPH_BASE_URL"] = "graph.example";
  auto config = Read(std::nullopt);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.error().message,
              HasSubstr("FRONTDESK_GRAPH_BASE_URL: must start with http:// or https://"));
}

TEST_F(ServeConfigTest, EveryProblemIsListedAtOnce) {
  auto config = Read("[server]\nport = \"many\"\nworker_threads = 0\n");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.error().message, HasSubstr("server.port"));
  EXPECT_THAT(config.error().message, HasSubstr("server.worker_threads"));
}

}  // namespace
}  // namespace app
