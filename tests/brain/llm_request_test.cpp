// The request of each output mode and each server quirk, against a golden file in
// tests/data/llm-requests/ (url, headers, body). FRONTDESK_UPDATE_GOLDENS=1 writes them again,
// to be read over before committing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "brain/llm/request.h"
#include "brain/llm/schema.h"

namespace brain::llm {
namespace {

using nlohmann::json;

const std::filesystem::path kGoldens =
    std::filesystem::path(FRONTDESK_SOURCE_DIR) / "tests/data/llm-requests";

const json kMessages = json::array({{{"role", "system"}, {"content", "You are the front desk."}},
                                    {{"role", "user"}, {"content", "Quanto custa o tênis?"}}});

json AsJson(const HttpRequest& r) {
  json headers = json::object();
  for (const auto& [name, value] : r.headers) headers[name] = value;
  return {{"url", r.url}, {"headers", headers}, {"body", json::parse(r.body)}};
}

void ExpectGolden(const std::string& name, const HttpRequest& r) {
  const std::filesystem::path path = kGoldens / (name + ".json");
  const json actual = AsJson(r);
  if (std::getenv("FRONTDESK_UPDATE_GOLDENS") != nullptr) {
    std::filesystem::create_directories(kGoldens);
    std::ofstream(path) << actual.dump(2) << '\n';
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "no golden " << path;
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(json::parse(text.str()), actual) << name << ":\n" << actual.dump(2);
}

Endpoint OpenAi() {
  Endpoint e;
  e.base_url = "https://api.openai.com/v1";
  e.api_key = "sk-test-key";
  e.model = "gpt-4.1-mini";
  e.seed = 7;
  return e;
}

TEST(LlmRequestTest, OpenAiWithTools) {
  ExpectGolden("openai-tools", BuildRequest(OpenAi(), {}, Shape::kTools, kMessages));
}

TEST(LlmRequestTest, OpenAiWithStructuredOutput) {
  ExpectGolden("openai-structured", BuildRequest(OpenAi(), {}, Shape::kStructured, kMessages));
}

TEST(LlmRequestTest, AReasoningModelGetsItsCapFieldAndNoTemperature) {
  Endpoint e = OpenAi();
  e.model = "o4-mini";
  Quirks q;
  q.cap_as_max_completion_tokens = true;
  q.send_temperature = false;
  ExpectGolden("openai-reasoning-structured", BuildRequest(e, q, Shape::kStructured, kMessages));
}

TEST(LlmRequestTest, AzureClassicSendsItsKeyHeaderAndApiVersion) {
  Endpoint e;
  e.base_url = "https://shop.openai.azure.com/openai/deployments/front-desk/";
  e.api_key = "azure-test-key";
  e.auth = AuthStyle::kApiKey;
  e.api_version = "2024-10-21";
  e.model = "front-desk";
  ExpectGolden("azure-structured", BuildRequest(e, {}, Shape::kStructured, kMessages));
}

TEST(LlmRequestTest, OllamaWithoutAKeySendsNoAuthorization) {
  Endpoint e;
  e.base_url = "http://127.0.0.1:11434/v1";
  e.model = "qwen3:8b";
  ExpectGolden("ollama-tools", BuildRequest(e, {}, Shape::kTools, kMessages));
}

TEST(LlmRequestTest, OpenRouterAndVllmGetTheirExtraHeadersAndBody) {
  Endpoint e;
  e.base_url = "https://openrouter.ai/api/v1";
  e.api_key = "sk-or-test";
  e.model = "openai/gpt-4o-mini";
  e.extra_headers = {{"HTTP-Referer", "https://shop.example"}, {"X-Title", "Shop front desk"}};
  e.extra_body = {{"provider", {{"allow_fallbacks", false}}},
                  {"chat_template_kwargs", {{"enable_thinking", false}}}};
  e.temperature.reset();
  ExpectGolden("openrouter-extras-tools", BuildRequest(e, {}, Shape::kTools, kMessages));
}

TEST(LlmRequestTest, TheConfiguredBodyNeverOverridesWhatTheTurnNeeds) {
  Endpoint e = OpenAi();
  e.extra_body = {{"model", "other"}, {"messages", json::array()}, {"stream", true}};
  const json body = json::parse(BuildRequest(e, {}, Shape::kStructured, kMessages).body);
  EXPECT_EQ(body["model"], "gpt-4.1-mini");
  EXPECT_EQ(body["messages"], kMessages);
  EXPECT_FALSE(body.contains("stream"));  // whole answers only
}

// Strict schemas (OpenAI strict:true): every property required, no other property, anywhere.
void ExpectStrict(const json& schema, const std::string& at) {
  if (schema.contains("anyOf")) {
    for (const json& s : schema["anyOf"]) ExpectStrict(s, at);
    return;
  }
  if (schema.value("type", "") == "object") {
    EXPECT_EQ(schema.value("additionalProperties", true), false) << at;
    std::vector<std::string> properties, required;
    for (const auto& [name, s] : schema["properties"].items()) {
      properties.push_back(name);
      ExpectStrict(s, at + "." + name);
    }
    for (const json& r : schema["required"]) required.push_back(r.get<std::string>());
    EXPECT_THAT(required, ::testing::UnorderedElementsAreArray(properties)) << at;
  }
  if (schema.value("type", "") == "array") ExpectStrict(schema["items"], at + "[]");
}

TEST(LlmSchemaTest, TheTurnAndEveryToolAreStrict) {
  ExpectStrict(TurnSchema(), "turn");
  for (const json& tool : Tools()) {
    ExpectStrict(tool["function"]["parameters"], tool["function"]["name"].get<std::string>());
  }
}

}  // namespace
}  // namespace brain::llm
