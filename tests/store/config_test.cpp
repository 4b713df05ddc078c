#include <gtest/gtest.h>

#include <chrono>

#include "store/config_codec.h"
#include "store/store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;
using ConfigTest = StoreTest;

// Every field set away from its default.
core::AgentConfig FullConfig() {
  core::AgentConfig c;
  c.company_name = "Acme Bikes";
  c.industry = "retail";
  c.website = "https://acme.example";
  c.social_links = {"https://instagram.com/acme", "https://facebook.com/acme"};
  c.agent_name = "Ana";
  c.communication_style = "friendly";
  c.brain = core::BrainKind::kLlm;
  c.default_language = core::Language::kPt;
  c.greeting = "Olá! 👋";
  c.workflow = core::WorkflowKind::kQualifyAndTransfer;
  c.questions = {{"What is your budget?", "Budget"}, {"When do you need it?", ""}};
  c.business_context = "Open 9-18.\nNo returns on sale items.";
  c.handoff_message = "A person will reply soon.";
  c.resume_notice = "I'm back.";
  c.qualified_message = "Thanks! A colleague continues from here.";
  c.pause = 90min;
  c.debounce = 1500ms;
  c.ask_contact_details = false;
  c.translations[core::Language::kEs] = {
      "¡Hola!", "Te paso con una persona.", "Volví.", "¡Gracias!", {"¿Presupuesto?", "¿Cuándo?"}};
  c.translations[core::Language::kEn] = {"Hi!", "", "", "", {}};
  return c;
}

TEST_P(ConfigTest, DraftRoundTripsEveryField) {
  const core::AgentConfig config = FullConfig();
  base::Result<std::int64_t> revision = store_->SaveDraft(ws_, config);
  ASSERT_TRUE(revision.ok()) << revision.error().message;
  base::Result<core::Draft> draft = store_->LoadDraft(ws_);
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->config, config);
  EXPECT_EQ(draft->revision, *revision);
}

TEST_P(ConfigTest, NeverResumeAndDefaultsRoundTrip) {
  core::AgentConfig config;
  config.pause = std::nullopt;
  config.debounce = 0ms;
  ASSERT_TRUE(store_->SaveDraft(ws_, config).ok());
  EXPECT_EQ(store_->LoadDraft(ws_).value().config, config);

  ASSERT_TRUE(store_->SaveDraft(ws_, core::AgentConfig{}).ok());
  EXPECT_EQ(store_->LoadDraft(ws_).value().config, core::AgentConfig{});
}

TEST_P(ConfigTest, AConfigurationStoredBeforeTheBrainChoiceThinksLocally) {
  std::string stored = EncodeConfig(FullConfig());
  const std::string key = "\"brain\":\"llm\",";
  ASSERT_NE(stored.find(key), std::string::npos);
  stored.erase(stored.find(key), key.size());
  auto decoded = DecodeConfig(stored);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->brain, core::BrainKind::kLocal);
}

TEST_P(ConfigTest, EverySaveBumpsTheRevision) {
  const std::int64_t first = store_->SaveDraft(ws_, FullConfig()).value();
  const std::int64_t second = store_->SaveDraft(ws_, FullConfig()).value();
  EXPECT_GT(second, first);
  EXPECT_EQ(store_->LoadDraft(ws_).value().revision, second);
}

TEST_P(ConfigTest, NothingSavedIsNotFound) {
  EXPECT_EQ(store_->LoadDraft(ws_).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->LoadPublished(ws_).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->Publish(ws_, 1).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->DiscardDraft(ws_).error().code, base::ErrorCode::kNotFound);
}

TEST_P(ConfigTest, SaveInUnknownWorkspaceIsNotFound) {
  EXPECT_EQ(store_->SaveDraft(ws_ + 100, FullConfig()).error().code, base::ErrorCode::kNotFound);
}

TEST_P(ConfigTest, PublishMakesTheDraftLiveAndBumpsTheVersion) {
  const core::AgentConfig config = FullConfig();
  const std::int64_t revision = store_->SaveDraft(ws_, config).value();
  base::Result<std::int64_t> version = store_->Publish(ws_, revision);
  ASSERT_TRUE(version.ok()) << version.error().message;
  base::Result<core::PublishedConfig> live = store_->LoadPublished(ws_);
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->config, config);
  EXPECT_EQ(live->version, *version);

  const std::int64_t next = store_->SaveDraft(ws_, core::AgentConfig{}).value();
  EXPECT_GT(store_->Publish(ws_, next).value(), *version);
  EXPECT_EQ(store_->LoadPublished(ws_).value().config, core::AgentConfig{});
}

TEST_P(ConfigTest, PublishOfAStaleRevisionIsConflictAndChangesNothing) {
  const std::int64_t old_revision = store_->SaveDraft(ws_, FullConfig()).value();
  ASSERT_TRUE(store_->Publish(ws_, old_revision).ok());
  core::AgentConfig edited = FullConfig();
  edited.greeting = "edited";
  ASSERT_TRUE(store_->SaveDraft(ws_, edited).ok());

  base::Result<std::int64_t> stale = store_->Publish(ws_, old_revision);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(store_->LoadPublished(ws_).value().config, FullConfig());
}

TEST_P(ConfigTest, DiscardReturnsTheDraftToThePublishedVersion) {
  const std::int64_t revision = store_->SaveDraft(ws_, FullConfig()).value();
  const std::int64_t version = store_->Publish(ws_, revision).value();
  core::AgentConfig edited = FullConfig();
  edited.greeting = "edited";
  const std::int64_t edited_revision = store_->SaveDraft(ws_, edited).value();

  ASSERT_TRUE(store_->DiscardDraft(ws_).ok());
  base::Result<core::Draft> draft = store_->LoadDraft(ws_);
  EXPECT_EQ(draft->config, FullConfig());
  EXPECT_GT(draft->revision, edited_revision);  // a publish of the edited revision now conflicts
  EXPECT_EQ(store_->Publish(ws_, edited_revision).error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(store_->LoadPublished(ws_).value().version, version);
}

TEST_P(ConfigTest, ConfigurationsAreIsolatedPerWorkspace) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const std::int64_t revision = store_->SaveDraft(ws_, FullConfig()).value();
  ASSERT_TRUE(store_->Publish(ws_, revision).ok());
  EXPECT_EQ(store_->LoadDraft(other).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->LoadPublished(other).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->Publish(other, revision).error().code, base::ErrorCode::kNotFound);
}

TEST_P(ConfigTest, CorruptStoredConfigurationIsInternal) {
  ASSERT_TRUE(store_->SaveDraft(ws_, FullConfig()).ok());
  ExecuteRaw("UPDATE agent_configs SET draft_json = '{\"default_language\": \"xx\"}'");
  EXPECT_EQ(store_->LoadDraft(ws_).error().code, base::ErrorCode::kInternal);
  ExecuteRaw("UPDATE agent_configs SET draft_json = 'not json'");
  EXPECT_EQ(store_->LoadDraft(ws_).error().code, base::ErrorCode::kInternal);
  ExecuteRaw("UPDATE agent_configs SET draft_json = '{\"questions\": 3}'");
  EXPECT_EQ(store_->LoadDraft(ws_).error().code, base::ErrorCode::kInternal);
}

TEST(ConfigCodecTest, AbsentKeysKeepDefaultsAndNullPauseIsNever) {
  base::Result<core::AgentConfig> empty = DecodeConfig("{}");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, core::AgentConfig{});
  base::Result<core::AgentConfig> never = DecodeConfig(R"({"pause_ms": null})");
  ASSERT_TRUE(never.ok());
  EXPECT_EQ(never->pause, std::nullopt);
}

TEST(ConfigCodecTest, DurationsAreStoredInMilliseconds) {
  core::AgentConfig config;
  config.pause = 15min;
  config.debounce = 2s;
  const std::string json = EncodeConfig(config);
  EXPECT_NE(json.find("\"pause_ms\":900000"), std::string::npos) << json;
  EXPECT_NE(json.find("\"debounce_ms\":2000"), std::string::npos) << json;
}

TEST(ConfigCodecTest, InvalidUtf8IsStoredNotThrown) {
  core::AgentConfig config;
  config.greeting = "bad \xff byte";
  base::Result<core::AgentConfig> decoded = DecodeConfig(EncodeConfig(config));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->greeting, "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace store

namespace store {
namespace {

TEST_P(ConfigTest, AgentVersionFollowsPublishesAndCatalogChanges) {
  EXPECT_EQ(store_->LoadAgentVersion(ws_).value(), (core::AgentVersion{0, 0}));
  core::AgentConfig config;
  config.greeting = "Hi";
  auto revision = store_->SaveDraft(ws_, config);
  ASSERT_TRUE(store_->Publish(ws_, *revision).ok());
  EXPECT_EQ(store_->LoadAgentVersion(ws_).value(), (core::AgentVersion{1, 0}));
  core::Product mug;
  mug.name = "Mug";
  ASSERT_TRUE(store_->ReplaceCatalog(ws_, std::span(&mug, 1)).ok());
  EXPECT_EQ(store_->LoadAgentVersion(ws_).value(), (core::AgentVersion{1, 1}));
  ASSERT_TRUE(store_->ClearCatalog(ws_).ok());
  EXPECT_EQ(store_->LoadAgentVersion(ws_).value(), (core::AgentVersion{1, 2}));
  auto missing = store_->LoadAgentVersion(ws_ + 100);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, base::ErrorCode::kNotFound);
}

TEST_P(ConfigTest, TheBuiltAgentsVersionsOnlyGrow) {
  EXPECT_EQ(store_->LoadBuiltAgentVersion(ws_).value(), (core::AgentVersion{0, 0}));
  ASSERT_TRUE(store_->RecordBuiltAgent(ws_, {2, 3}).ok());
  EXPECT_EQ(store_->LoadBuiltAgentVersion(ws_).value(), (core::AgentVersion{2, 3}));
  ASSERT_TRUE(store_->RecordBuiltAgent(ws_, {1, 3}).ok());  // a slower build of older versions
  ASSERT_TRUE(store_->RecordBuiltAgent(ws_, {2, 2}).ok());
  EXPECT_EQ(store_->LoadBuiltAgentVersion(ws_).value(), (core::AgentVersion{2, 3}));
  ASSERT_TRUE(store_->RecordBuiltAgent(ws_, {2, 4}).ok());
  EXPECT_EQ(store_->LoadBuiltAgentVersion(ws_).value(), (core::AgentVersion{2, 4}));
  const std::int64_t other = NewWorkspace("other");
  EXPECT_EQ(store_->LoadBuiltAgentVersion(other).value(), (core::AgentVersion{0, 0}));
  EXPECT_EQ(store_->RecordBuiltAgent(ws_ + 100, {1, 1}).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->LoadBuiltAgentVersion(ws_ + 100).error().code, base::ErrorCode::kNotFound);
}

FRONTDESK_ON_BOTH_BACKENDS(ConfigTest);

}  // namespace
}  // namespace store
