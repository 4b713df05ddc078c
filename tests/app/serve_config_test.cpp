// The configuration of `frontdesk serve`: the documented example file, environment overrides,
// and errors that name the key.
#include "app/serve_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "testing/temp_dir.h"

namespace app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

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
  EXPECT_EQ(config->database_url, "sqlite:frontdesk.db");
  EXPECT_EQ(config->server.port, 8080);
  EXPECT_EQ(config->server.worker_threads, 4u);
  EXPECT_EQ(config->graph_timeout, std::chrono::seconds{10});
  EXPECT_EQ(config->outbox.max_attempts, 8);
  EXPECT_EQ(config->outbox.parallel, 8);
  EXPECT_FALSE(config->auth_routes.secure_cookie);
  EXPECT_EQ(config->auth.session_lifetime, std::chrono::hours{168});
  EXPECT_TRUE(config->llm.settings.endpoint.extra_headers.empty());
  EXPECT_EQ(config->llm.settings.endpoint.extra_body, nlohmann::json::object());
  EXPECT_EQ(config->llm.circuit.failures_to_open, 5);
  EXPECT_EQ(config->llm.circuit.open_for_owner, std::chrono::minutes{10});
  EXPECT_FALSE(config->llm.prices.priced());
  EXPECT_EQ(config->llm.prices.currency, "USD");
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

TEST_F(ServeConfigTest, TheDatabaseIsAUrlFromTheFileOrTheEnvironment) {
  auto file = Read("[database]\nurl = \"postgres://fd@db.internal/frontdesk\"\n");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->database_url, "postgres://fd@db.internal/frontdesk");
  env_["FRONTDESK_DATABASE_URL"] = "postgresql://fd:secret@10.0.0.5:5433/fd";
  auto env = Read("[database]\nurl = \"sqlite:a.db\"\n");
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->database_url, "postgresql://fd:secret@10.0.0.5:5433/fd");
  env_.clear();
  auto older = Read("[database]\npath = \"var/fd.db\"\n");
  ASSERT_TRUE(older.ok()) << older.error().message;
  EXPECT_EQ(older->database_url, "sqlite:var/fd.db");
}

TEST_F(ServeConfigTest, TheInstanceIsNamedAndKeepsItsConnections) {
  auto config = Read("[database]\nconnections = 40\n[server]\ninstance = \"web-2\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->database_connections, 40u);
  EXPECT_EQ(config->instance, "web-2");
  EXPECT_EQ(Read("")->instance, "");  // the host's name and port, at start
  auto none = Read("[database]\nconnections = 0\n");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.error().message, HasSubstr("database.connections"));
  auto unnamed = Read("[server]\ninstance = \"\"\n");
  ASSERT_FALSE(unnamed.ok());
  EXPECT_THAT(unnamed.error().message, HasSubstr("server.instance"));
}

TEST_F(ServeConfigTest, ADatabaseUrlOfAnotherKindIsRefusedWithoutItsPassword) {
  auto config = Read("[database]\nurl = \"mysql://fd:hunter2@db/fd\"\n");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.error().message, HasSubstr("database.url: unsupported database URL"));
  EXPECT_THAT(config.error().message, HasSubstr("sqlite:PATH or postgres://"));
  EXPECT_THAT(config.error().message, Not(HasSubstr("hunter2")));
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

namespace app {
namespace {

class LlmConfigTest : public ServeConfigTest {};

TEST_F(LlmConfigTest, TheInstancesModelIsConfiguredWithItsKeyFromAVariable) {
  env_["SHOP_LLM_KEY"] = "sk-from-the-environment";
  auto config = Read(R"([llm]
base_url = "https://shop.openai.azure.com/openai/deployments/desk"
model = "desk"
api_key_env = "SHOP_LLM_KEY"
auth = "api-key"
api_version = "2024-10-21"
output = "tools"
temperature = 0.4
max_output_tokens = 300
history_tokens = 1500
turn_deadline = "15s"
attempt_timeout = "6s"
concurrency = 256
fallback = "handoff"
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const brain::llm::LlmSettings& s = config->llm.settings;
  EXPECT_TRUE(config->llm.enabled());
  EXPECT_EQ(s.endpoint.api_key, "sk-from-the-environment");
  EXPECT_EQ(s.endpoint.auth, brain::llm::AuthStyle::kApiKey);
  EXPECT_EQ(s.endpoint.api_version, "2024-10-21");
  EXPECT_EQ(s.endpoint.mode, brain::llm::OutputMode::kTools);
  EXPECT_EQ(s.endpoint.temperature, 0.4);
  EXPECT_EQ(s.endpoint.max_output_tokens, 300);
  EXPECT_EQ(s.history_tokens, 1500u);
  EXPECT_EQ(s.turn_deadline, std::chrono::seconds{15});
  EXPECT_EQ(s.retry.attempt_timeout, std::chrono::seconds{6});
  EXPECT_EQ(s.fallback, brain::llm::Fallback::kHandoff);
  EXPECT_EQ(config->replies.workers, 256);
}

TEST_F(LlmConfigTest, WithoutABaseUrlThereIsNoModel) {
  auto config = Read(std::nullopt);
  ASSERT_TRUE(config.ok());
  EXPECT_FALSE(config->llm.enabled());
}

TEST_F(LlmConfigTest, ExtraHeadersAndBodyAreTablesInTheFile) {
  auto config = Read(R"([llm]
extra_headers = { "HTTP-Referer" = "https://shop.example", "X-Title" = "Shop front desk" }

[llm.extra_body]
provider = { require_parameters = true, order = ["openai", "azure"] }
chat_template_kwargs = { enable_thinking = false }
top_k = 20
min_p = 0.05
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const brain::llm::Endpoint& e = config->llm.settings.endpoint;
  EXPECT_THAT(e.extra_headers,
              ::testing::UnorderedElementsAre(Pair("HTTP-Referer", "https://shop.example"),
                                              Pair("X-Title", "Shop front desk")));
  EXPECT_EQ(e.extra_body, nlohmann::json::parse(R"({
    "provider": {"require_parameters": true, "order": ["openai", "azure"]},
    "chat_template_kwargs": {"enable_thinking": false}, "top_k": 20, "min_p": 0.05})"));
}

TEST_F(LlmConfigTest, ExtraHeadersAndBodyAreJsonObjectsInTheEnvironment) {
  env_["FRONTDESK_LLM_EXTRA_HEADERS"] = R"({"X-Title": "Shop"})";
  env_["FRONTDESK_LLM_EXTRA_BODY"] = R"({"provider": {"sort": "price"}})";
  auto config = Read("[llm]\nextra_headers = { \"X-Other\" = \"replaced\" }\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const brain::llm::Endpoint& e = config->llm.settings.endpoint;
  EXPECT_THAT(e.extra_headers, ::testing::ElementsAre(Pair("X-Title", "Shop")));
  EXPECT_EQ(e.extra_body, nlohmann::json::parse(R"({"provider": {"sort": "price"}})"));
}

TEST_F(LlmConfigTest, ExtraHeadersNeverCarryTheKeyAndAreValidHeaders) {
  auto file = Read("[llm]\nextra_headers = { Authorization = \"Bearer sk-x\" }\n");
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error().message,
              HasSubstr("frontdesk.toml:2: llm.extra_headers: Authorization cannot be set here: "
                        "the key goes only through llm.api_key_env"));
  EXPECT_THAT(file.error().message, Not(HasSubstr("sk-x")));
  for (const auto& [value, error] : std::vector<std::pair<std::string, std::string>>{
           {R"({"API-Key": "x"})",
            "API-Key cannot be set here: the key goes only through "
            "llm.api_key_env"},
           {R"({"content-type": "text/plain"})", "content-type is set by frontdesk"},
           {R"({"X Title": "x"})", "\"X Title\" is not a header name"},
           {R"({"X-Title": 7})", "X-Title must be a text"},
           {R"({"X-Title": "a\r\nX-Injected: b"})", "X-Title must be one line of text"},
           {R"(["X-Title"])", "must be a table (a JSON object) of header names and texts"},
           {"X-Title: x", "must be a table (a JSON object) of header names and texts"}}) {
    env_["FRONTDESK_LLM_EXTRA_HEADERS"] = value;
    auto env = Read(std::nullopt);
    ASSERT_FALSE(env.ok()) << value;
    EXPECT_EQ(env.error().message, "FRONTDESK_LLM_EXTRA_HEADERS: " + error);
  }
  env_.clear();
  auto text = Read("[llm]\nextra_headers = \"X-Title: x\"\n");
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(text.error().message, HasSubstr("llm.extra_headers: must be a table"));
}

TEST_F(LlmConfigTest, ExtraBodyNeverSetsWhatTheBrainSets) {
  auto file = Read("[llm.extra_body]\nmodel = \"other\"\n");
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error().message,
              HasSubstr("llm.extra_body: model is set by frontdesk in every request; "
                        "use llm.model"));
  for (const std::string field :
       {"messages", "tools", "tool_choice", "response_format", "stream", "parallel_tool_calls"}) {
    env_["FRONTDESK_LLM_EXTRA_BODY"] = "{\"" + field + "\": true}";
    auto env = Read(std::nullopt);
    ASSERT_FALSE(env.ok()) << field;
    EXPECT_THAT(env.error().message, HasSubstr("FRONTDESK_LLM_EXTRA_BODY: " + field +
                                               " is set by frontdesk in every request"));
  }
  env_["FRONTDESK_LLM_EXTRA_BODY"] = R"({"max_tokens": 100})";
  auto cap = Read(std::nullopt);
  ASSERT_FALSE(cap.ok());
  EXPECT_THAT(cap.error().message, HasSubstr("max_tokens is set by frontdesk in every request; "
                                             "use llm.max_output_tokens"));
  env_["FRONTDESK_LLM_EXTRA_BODY"] = "top_k=20";
  auto text = Read(std::nullopt);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message,
            "FRONTDESK_LLM_EXTRA_BODY: must be a table (a JSON object) of request fields");
}

TEST_F(LlmConfigTest, TheCircuitIsConfigured) {
  auto defaults = Read(std::nullopt);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->llm.circuit.failures_to_open, brain::llm::CircuitSettings{}.failures_to_open);

  auto file = Read(
      "[llm]\ncircuit_failures = 3\ncircuit_open_for = \"1m\"\n"
      "circuit_open_for_owner = \"2h\"\n");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->llm.circuit.failures_to_open, 3);
  EXPECT_EQ(file->llm.circuit.open_for, std::chrono::minutes{1});
  EXPECT_EQ(file->llm.circuit.open_for_owner, std::chrono::hours{2});

  env_["FRONTDESK_LLM_CIRCUIT_FAILURES"] = "8";
  env_["FRONTDESK_LLM_CIRCUIT_OPEN_FOR"] = "45s";
  env_["FRONTDESK_LLM_CIRCUIT_OPEN_FOR_OWNER"] = "30m";
  auto env = Read(std::nullopt);
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->llm.circuit.failures_to_open, 8);
  EXPECT_EQ(env->llm.circuit.open_for, std::chrono::seconds{45});
  EXPECT_EQ(env->llm.circuit.open_for_owner, std::chrono::minutes{30});

  env_["FRONTDESK_LLM_DAILY_TOKENS_PER_WORKSPACE"] = "250000";
  auto budget = Read("[llm]\ndaily_tokens_per_workspace = 100000\n");
  ASSERT_TRUE(budget.ok()) << budget.error().message;
  EXPECT_EQ(budget->llm.settings.daily_tokens_per_workspace, 250000);  // the environment wins
  EXPECT_EQ(Read(std::nullopt)->llm.settings.daily_tokens_per_workspace, 250000);

  env_.clear();
  EXPECT_EQ(Read(std::nullopt)->llm.settings.daily_tokens_per_workspace, 0);  // no budget
  EXPECT_FALSE(Read("[llm]\ndaily_tokens_per_workspace = -1\n").ok());
  auto bad = Read(
      "[llm]\ncircuit_failures = 0\ncircuit_open_for = \"0s\"\n"
      "circuit_open_for_owner = \"soon\"\n");
  ASSERT_FALSE(bad.ok());
  const std::string& m = bad.error().message;
  EXPECT_THAT(m, HasSubstr("llm.circuit_failures: must be a whole number from 1 to 1000"));
  EXPECT_THAT(m, HasSubstr("llm.circuit_open_for: must be longer than 0s"));
  EXPECT_THAT(m, HasSubstr("frontdesk.toml:4: llm.circuit_open_for_owner: "));
}

TEST_F(LlmConfigTest, PricesAreConfiguredInTheOperatorsCurrency) {
  auto defaults = Read(std::nullopt);
  ASSERT_TRUE(defaults.ok());
  EXPECT_FALSE(defaults->llm.prices.priced());
  EXPECT_EQ(defaults->llm.prices.currency, "USD");

  auto file = Read(
      "[llm]\nprice_input_per_million = 0.15\nprice_output_per_million = 3\n"
      "currency = \"EUR\"\n");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_DOUBLE_EQ(file->llm.prices.input_per_million, 0.15);
  EXPECT_DOUBLE_EQ(file->llm.prices.output_per_million, 3);
  EXPECT_EQ(file->llm.prices.currency, "EUR");

  env_["FRONTDESK_LLM_PRICE_INPUT_PER_MILLION"] = "2.5";
  env_["FRONTDESK_LLM_PRICE_OUTPUT_PER_MILLION"] = "10";
  env_["FRONTDESK_LLM_CURRENCY"] = "BRL";
  auto env = Read(std::nullopt);
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_DOUBLE_EQ(env->llm.prices.input_per_million, 2.5);
  EXPECT_DOUBLE_EQ(env->llm.prices.output_per_million, 10);
  EXPECT_EQ(env->llm.prices.currency, "BRL");

  env_["FRONTDESK_LLM_PRICE_INPUT_PER_MILLION"] = "-1";
  env_["FRONTDESK_LLM_PRICE_OUTPUT_PER_MILLION"] = "free";
  env_["FRONTDESK_LLM_CURRENCY"] = "";
  auto bad = Read(std::nullopt);
  ASSERT_FALSE(bad.ok());
  const std::string& m = bad.error().message;
  EXPECT_THAT(m, HasSubstr("FRONTDESK_LLM_PRICE_INPUT_PER_MILLION: must be a number from 0 to "
                           "1000000"));
  EXPECT_THAT(m, HasSubstr("FRONTDESK_LLM_PRICE_OUTPUT_PER_MILLION: must be a number from 0"));
  EXPECT_THAT(m, HasSubstr("FRONTDESK_LLM_CURRENCY: must be a label of 1 to 16 characters"));
}

TEST_F(LlmConfigTest, WhatIsMissingOrWrongIsNamed) {
  env_["FRONTDESK_LLM_BASE_URL"] = "http://127.0.0.1:11434/v1";
  env_["FRONTDESK_LLM_API_KEY_ENV"] = "NOT_SET_ANYWHERE";
  env_["FRONTDESK_LLM_OUTPUT"] = "prose";
  env_["FRONTDESK_LLM_TEMPERATURE"] = "7";
  auto config = Read(std::nullopt);
  ASSERT_FALSE(config.ok());
  const std::string& m = config.error().message;
  EXPECT_THAT(m, HasSubstr("FRONTDESK_LLM_OUTPUT: must be auto, tools or structured"));
  EXPECT_THAT(m, HasSubstr("FRONTDESK_LLM_TEMPERATURE: must be a number from 0"));
  EXPECT_THAT(m, HasSubstr("llm.model: must be set with llm.base_url"));
  EXPECT_THAT(m, HasSubstr("llm.api_key_env: the variable NOT_SET_ANYWHERE is not set"));
}

}  // namespace
}  // namespace app
