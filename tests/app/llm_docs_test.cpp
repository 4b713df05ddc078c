// Every configuration docs/llm.md shows, read as frontdesk serve reads it and checked against its
// server family: the request the brain would send (URL, api-version, how the key is sent, the
// extra headers and body) and the family's recorded answers and errors in tests/data/llm/, read
// and classified as the reference says. A block removed or added, a misspelt key or a wrong way
// of sending the key fails here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "app/serve_config.h"
#include "brain/llm/completion.h"
#include "brain/llm/failure.h"
#include "brain/llm/request.h"
#include "testing/temp_dir.h"

namespace app {
namespace {

using brain::llm::FailureKind;
using nlohmann::json;

const std::filesystem::path kSource(FRONTDESK_SOURCE_DIR);
constexpr const char* kKey = "test-key";  // what every variable a block names holds

// The answer is usable: a call or a text, neither cut off nor failed.
struct Answers {};
using Expected = std::variant<Answers, FailureKind>;

// How the key travels once a block names one.
enum class Auth { kBearer, kApiKey };

struct Family {
  std::string prefix;  // of its fixtures in tests/data/llm/
  std::size_t blocks;  // the configurations its section shows
  std::string url;     // a regular expression of the completions URL
  Auth auth;
  bool needs_key;
  std::map<std::string, Expected> claims;  // what the section says of the family's answers
};

// Keyed by the section's heading in docs/llm.md.
const std::map<std::string, Family>& Families() {
  static const std::map<std::string, Family> kFamilies = {
      {"OpenAI",
       {"openai",
        1,
        R"(https://api\.openai\.com/v1/chat/completions)",
        Auth::kBearer,
        true,
        {{"openai-tool-call.json", Answers{}},
         {"openai-400-unsupported-parameter.json", FailureKind::kParameterRejected},
         {"openai-400-unsupported-value.json", FailureKind::kParameterRejected},
         {"openai-429-quota.json", FailureKind::kQuota}}}},
      {"Azure OpenAI",
       {"azure",
        2,
        R"(https://[A-Za-z0-9-]+\.openai\.azure\.com/openai/)"
        R"((deployments/[^/?]+/chat/completions\?api-version=\d{4}-\d{2}-\d{2}(-preview)?)"
        R"(|v1/chat/completions))",
        Auth::kApiKey,
        true,
        {{"azure-json-schema.json", Answers{}},
         {"azure-404-deployment.json", FailureKind::kUnknownModel},
         {"azure-400-content-filter.json", FailureKind::kContentFiltered},
         {"azure-429-daily-quota.json", FailureKind::kQuota}}}},
      {"Ollama",
       {"ollama",
        1,
        R"(http://[^/]+:11434/v1/chat/completions)",
        Auth::kBearer,
        false,
        {{"ollama-tool-call-reasoning.json", Answers{}},
         {"ollama-404-model.json", FailureKind::kUnknownModel},
         {"ollama-400-no-tools.json", FailureKind::kToolsUnsupported}}}},
      {"vLLM",
       {"vllm",
        2,
        R"(http://[^/]+:8000/v1/chat/completions)",
        Auth::kBearer,
        false,
        {{"vllm-tool-call.json", Answers{}},
         {"vllm-400-auto-tool-choice.json", FailureKind::kToolsUnsupported},
         {"vllm-400-context-flat.json", FailureKind::kContextTooLong}}}},
      {"llama.cpp's llama-server",
       {"llamacpp",
        1,
        R"(http://[^/]+:8080/v1/chat/completions)",
        Auth::kBearer,
        false,
        {{"llamacpp-arguments-object.json", Answers{}},
         {"llamacpp-500-tools-need-jinja.json", FailureKind::kToolsUnsupported},
         {"llamacpp-503-loading.json", FailureKind::kBusy}}}},
      {"LM Studio",
       {"lmstudio",
        1,
        R"(http://[^/]+:1234/v1/chat/completions)",
        Auth::kBearer,
        false,
        {{"lmstudio-tool-call.json", Answers{}},
         {"lmstudio-400-response-format.json", FailureKind::kParameterRejected}}}},
      {"OpenRouter",
       {"openrouter",
        1,
        R"(https://openrouter\.ai/api/v1/chat/completions)",
        Auth::kBearer,
        true,
        {{"openrouter-stop.json", Answers{}},
         {"openrouter-402-credits.json", FailureKind::kQuota}}}},
      {"Groq",
       {"groq",
        2,
        R"(https://api\.groq\.com/openai/v1/chat/completions)",
        Auth::kBearer,
        true,
        {{"groq-tool-call.json", Answers{}},
         {"groq-400-tool-use-failed.json", FailureKind::kToolCallFailed}}}},
  };
  return kFamilies;
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every ```toml block of docs/llm.md, by the "## " heading it sits under.
std::map<std::string, std::vector<std::string>> TomlBlocks() {
  std::map<std::string, std::vector<std::string>> blocks;
  std::istringstream doc(ReadText(kSource / "docs/llm.md"));
  std::string line, heading;
  std::optional<std::string> block;
  while (std::getline(doc, line)) {
    if (block) {
      if (line == "```") {
        blocks[heading].push_back(*block);
        block.reset();
      } else {
        *block += line + "\n";
      }
    } else if (line.starts_with("## ")) {
      heading = line.substr(3);
    } else if (line == "```toml") {
      block.emplace();
    }
  }
  EXPECT_FALSE(block) << "a toml block under " << heading << " never ends";
  return blocks;
}

base::Result<ServeConfig> ReadBlock(const std::string& toml) {
  testing_support::TempDir dir;
  std::ofstream(dir / "frontdesk.toml") << toml;
  // The real environment stays out; any variable a block names holds a key.
  return ReadServeConfig(dir / "frontdesk.toml", [](const char* name) -> const char* {
    return std::string_view(name).starts_with("FRONTDESK_") ? nullptr : kKey;
  });
}

std::optional<std::string> Header(const brain::llm::HttpRequest& r, std::string_view name) {
  for (const auto& [n, value] : r.headers) {
    if (n == name) return value;
  }
  return std::nullopt;
}

void ExpectRequest(const Family& family, const LlmConfig& llm) {
  ASSERT_TRUE(llm.enabled());
  const brain::llm::Endpoint& endpoint = llm.settings.endpoint;
  const json messages = json::array({{{"role", "user"}, {"content", "Hi"}}});
  const brain::llm::HttpRequest r =
      brain::llm::BuildRequest(endpoint, {}, brain::llm::Shape::kTools, messages);
  EXPECT_TRUE(std::regex_match(r.url, std::regex(family.url))) << r.url;
  EXPECT_EQ(r.url, brain::llm::CompletionsUrl(endpoint));
  const std::optional<std::string> bearer = Header(r, "Authorization");
  const std::optional<std::string> api_key = Header(r, "api-key");
  if (llm.api_key_env.empty()) {
    EXPECT_FALSE(family.needs_key) << "the block names no api_key_env";
    EXPECT_FALSE(bearer || api_key) << "a key header without a key";
  } else if (family.auth == Auth::kBearer) {
    EXPECT_EQ(bearer, std::string("Bearer ") + kKey);
    EXPECT_FALSE(api_key) << "auth must be bearer";
  } else {
    EXPECT_EQ(api_key, std::string(kKey));
    EXPECT_FALSE(bearer) << "auth must be api-key";
  }
  for (const auto& [name, value] : endpoint.extra_headers) EXPECT_EQ(Header(r, name), value);
  const json body = json::parse(r.body);
  EXPECT_FALSE(endpoint.model.empty());
  EXPECT_EQ(body["model"], endpoint.model);
  for (const auto& [field, value] : endpoint.extra_body.items()) EXPECT_EQ(body[field], value);
}

void ExpectClaim(const std::string& fixture, const Expected& expected) {
  SCOPED_TRACE(fixture);
  const std::string body = ReadText(kSource / "tests/data/llm" / fixture);
  ASSERT_FALSE(body.empty()) << "no fixture";
  if (const auto* kind = std::get_if<FailureKind>(&expected)) {
    const int status = std::stoi(fixture.substr(fixture.find('-') + 1, 3));
    EXPECT_EQ(brain::llm::ClassifyError(status, {}, body, base::FromMillis(0)).kind, *kind);
    return;
  }
  auto c = brain::llm::ReadCompletion(body);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->finish == brain::llm::Finish::kStop ||
              c->finish == brain::llm::Finish::kToolCalls);
  EXPECT_TRUE(!c->tool_calls.empty() || !c->content.empty());
}

// Every recorded error of the family is one the client recognises (never "a request this client
// built wrong"), and every recorded 200 is read.
void ExpectEveryFixtureRead(const std::string& prefix) {
  std::size_t fixtures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSource / "tests/data/llm")) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix + "-")) continue;
    ++fixtures;
    SCOPED_TRACE(name);
    const std::string body = ReadText(entry.path());
    const std::string status = name.substr(prefix.size() + 1, 3);
    if (std::regex_match(status, std::regex(R"(\d{3})"))) {
      EXPECT_NE(brain::llm::ClassifyError(std::stoi(status), {}, body, base::FromMillis(0)).kind,
                FailureKind::kRequestRejected);
    } else {
      EXPECT_TRUE(brain::llm::ReadCompletion(body).ok());
    }
  }
  EXPECT_GT(fixtures, 0u) << "no fixture of " << prefix;
}

TEST(LlmDocsTest, EveryFamilysConfigurationsSendWhatItsServerExpects) {
  const auto blocks = TomlBlocks();
  for (const auto& [heading, family] : Families()) {
    SCOPED_TRACE(heading);
    ASSERT_TRUE(blocks.contains(heading)) << "docs/llm.md has no configuration under it";
    EXPECT_EQ(blocks.at(heading).size(), family.blocks);
    for (const std::string& toml : blocks.at(heading)) {
      SCOPED_TRACE(toml);
      auto config = ReadBlock(toml);
      ASSERT_TRUE(config.ok()) << config.error().message;
      ExpectRequest(family, config->llm);
    }
  }
}

TEST(LlmDocsTest, EveryOtherConfigurationIsValid) {
  for (const auto& [heading, tomls] : TomlBlocks()) {
    if (Families().contains(heading)) continue;
    SCOPED_TRACE(heading);
    for (const std::string& toml : tomls) {
      auto config = ReadBlock(toml);
      EXPECT_TRUE(config.ok()) << toml << config.error().message;
    }
  }
}

TEST(LlmDocsTest, EveryFamilysAnswersAndErrorsAreReadAsItsSectionSays) {
  for (const auto& [heading, family] : Families()) {
    SCOPED_TRACE(heading);
    ExpectEveryFixtureRead(family.prefix);
    for (const auto& [fixture, expected] : family.claims) {
      EXPECT_TRUE(fixture.starts_with(family.prefix + "-")) << fixture;
      ExpectClaim(fixture, expected);
    }
  }
}

}  // namespace
}  // namespace app
