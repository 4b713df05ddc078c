// The background build of a workspace's live agent, and the catalog's indexing state it gives:
// "indexing" exactly while no instance has built the agent of the current catalog and
// configuration.
#include "runtime/agent_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "testing/shop_store.h"

namespace runtime {
namespace {

using ::testing::HasSubstr;

class SilentBrain final : public core::Brain {
 public:
  base::Result<core::Proposal> Propose(const core::BrainInput&) const override {
    return core::Proposal{};
  }
};

// Holds every brain build until opened, as a slow index of a large catalog would.
class Gate {
 public:
  void Open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }
  // Waits until opened (at most a bound, so a broken test fails instead of hanging).
  bool Pass() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    arrived_.notify_all();
    return opened_.wait_for(lock, std::chrono::seconds(10), [this] { return open_; });
  }
  // Blocks until a build waits at the gate.
  bool AwaitBuild() {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, std::chrono::seconds(10), [this] { return waiting_ > 0; });
  }
  int builds() {
    std::lock_guard lock(mutex_);
    return waiting_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  std::condition_variable arrived_;
  bool open_ = false;
  int waiting_ = 0;
};

class AgentBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = std::make_unique<Engine>(
        db_->store(),
        [this](const core::AgentConfig&,
               const core::Catalog&) -> base::Result<std::unique_ptr<core::Brain>> {
          if (!gate_.Pass()) return base::Error::Unavailable("the gate never opened");
          if (fail_builds_) return base::Error::Internal("no brain today");
          return std::unique_ptr<core::Brain>(std::make_unique<SilentBrain>());
        },
        clock_);
    builder_ =
        std::make_unique<AgentBuilder>(db_->store(), *engine_, [this](std::string_view line) {
          std::lock_guard lock(log_mutex_);
          log_ += std::string(line) + "\n";
        });
  }
  void TearDown() override {
    gate_.Open();
    builder_.reset();
  }

  void Publish() {
    core::AgentConfig config;
    config.greeting = "Hi!";
    config.workflow = core::WorkflowKind::kHandoffToHuman;
    auto revision = db_->store().SaveDraft(ws_, config);
    ASSERT_TRUE(revision.ok());
    ASSERT_TRUE(db_->store().Publish(ws_, *revision).ok());
  }
  std::int64_t Upload(std::size_t products) {
    std::vector<core::Product> catalog(products, core::Product{"Mug"});
    auto version = db_->store().ReplaceCatalog(ws_, catalog);
    EXPECT_TRUE(version.ok());
    return version.ok() ? *version : 0;
  }
  Indexing State(std::size_t products) {
    auto state = builder_->StateOf(ws_, products);
    EXPECT_TRUE(state.ok());
    return state.ok() ? *state : Indexing{};
  }

  testing_support::ShopStore shop_;
  store::Database* db_ = shop_.db.get();
  std::int64_t ws_ = shop_.workspace_id;
  base::FakeClock clock_{base::FromMillis(1'800'000'000'000)};
  Gate gate_;
  bool fail_builds_ = false;
  std::unique_ptr<Engine> engine_;
  std::mutex log_mutex_;
  std::string log_;
  std::unique_ptr<AgentBuilder> builder_;
};

TEST_F(AgentBuilderTest, AnUploadIsIndexingUntilTheEngineHoldsItsAgent) {
  Publish();
  const std::int64_t version = Upload(3);
  builder_->Request(ws_);
  ASSERT_TRUE(gate_.AwaitBuild());
  Indexing indexing = State(3);
  EXPECT_EQ(indexing.state, IndexingState::kIndexing);
  EXPECT_EQ(indexing.version, version);
  EXPECT_FALSE(engine_->HeldVersion(ws_).has_value());

  gate_.Open();
  builder_->WaitIdleForTest();
  indexing = State(3);
  EXPECT_EQ(indexing.state, IndexingState::kReady);
  EXPECT_EQ(indexing.version, version);
  EXPECT_EQ(engine_->HeldVersion(ws_), (core::AgentVersion{1, version}));
  EXPECT_EQ(gate_.builds(), 1);  // StateOf asked again meanwhile: queued once, built once
}

TEST_F(AgentBuilderTest, AClearedCatalogIsEmptyOnceTheAgentForgotIt) {
  Publish();
  Upload(2);
  gate_.Open();
  builder_->Request(ws_);
  builder_->WaitIdleForTest();
  ASSERT_EQ(State(2).state, IndexingState::kReady);

  auto cleared = db_->store().ClearCatalog(ws_);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(State(0).state, IndexingState::kIndexing);  // the agent still knows the products
  builder_->WaitIdleForTest();                          // StateOf queued the build
  const Indexing indexing = State(0);
  EXPECT_EQ(indexing.state, IndexingState::kEmpty);
  EXPECT_EQ(indexing.version, *cleared);
}

TEST_F(AgentBuilderTest, APublishMakesTheAgentStaleToo) {
  Publish();
  Upload(1);
  gate_.Open();
  builder_->Request(ws_);
  builder_->WaitIdleForTest();
  ASSERT_EQ(State(1).state, IndexingState::kReady);
  Publish();
  EXPECT_EQ(State(1).state, IndexingState::kIndexing);
  builder_->WaitIdleForTest();
  EXPECT_EQ(State(1).state, IndexingState::kReady);
}

TEST_F(AgentBuilderTest, BeforeTheFirstPublishThereIsNothingToBuild) {
  EXPECT_EQ(State(0).state, IndexingState::kEmpty);
  const std::int64_t version = Upload(2);
  const Indexing indexing = State(2);
  EXPECT_EQ(indexing.state, IndexingState::kReady);
  EXPECT_EQ(indexing.version, version);
  builder_->Request(ws_);
  builder_->WaitIdleForTest();
  EXPECT_EQ(gate_.builds(), 0);
  std::lock_guard lock(log_mutex_);
  EXPECT_EQ(log_, "");  // nothing published is not a failure
}

TEST_F(AgentBuilderTest, AFailedBuildIsLoggedAndStaysIndexing) {
  Publish();
  Upload(1);
  fail_builds_ = true;
  gate_.Open();
  builder_->Request(ws_);
  builder_->WaitIdleForTest();
  EXPECT_EQ(State(1).state, IndexingState::kIndexing);
  builder_->WaitIdleForTest();
  std::lock_guard lock(log_mutex_);
  EXPECT_THAT(log_, HasSubstr("building the agent of workspace " + std::to_string(ws_) +
                              " failed: no brain today"));
}

// Two instances on one database: once one built the agent, the other's catalog step says ready
// too, and that instance builds its own agent in the background.
TEST_F(AgentBuilderTest, AnAgentBuiltOnAnotherInstanceIsReadyOnThisOne) {
  Publish();
  const std::int64_t version = Upload(3);
  Engine other(
      db_->store(),
      [](const core::AgentConfig&,
         const core::Catalog&) -> base::Result<std::unique_ptr<core::Brain>> {
        return std::unique_ptr<core::Brain>(std::make_unique<SilentBrain>());
      },
      clock_);
  ASSERT_TRUE(other.Prepare(ws_).ok());  // the other instance built it

  const Indexing indexing = State(3);
  EXPECT_EQ(indexing.state, IndexingState::kReady);
  EXPECT_EQ(indexing.version, version);
  ASSERT_TRUE(gate_.AwaitBuild());  // and this instance builds its own
  gate_.Open();
  builder_->WaitIdleForTest();
  EXPECT_EQ(engine_->HeldVersion(ws_), (core::AgentVersion{1, version}));
}

}  // namespace
}  // namespace runtime
