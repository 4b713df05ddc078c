// Test support: a workspace "shop" on a fresh embedded database, published with handoff_to_human
// (greeting "Hello!", debounce 0), and an engine whose brain is the test's own.
#pragma once

#include <chrono>
#include <memory>

#include "runtime/engine.h"
#include "store/database.h"
#include "testing/temp_dir.h"

namespace runtime::testing {

// The engine's brain forwards to the test's, which outlives it.
class ForwardBrain final : public core::Brain {
 public:
  explicit ForwardBrain(const core::Brain& to) : to_(to) {}
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override {
    return to_.Propose(input);
  }

 private:
  const core::Brain& to_;
};

struct BrainShop {
  // `brain` (borrowed) answers for the engine; `clock` is the engine's.
  BrainShop(const core::Brain& brain, const base::Clock& clock) {
    db = store::OpenDatabase("sqlite:" + (dir / "shop.db").string(), {}).value();
    core::Store& store = db->store();
    workspace = store.CreateWorkspace("shop").value().id;
    core::AgentConfig config;
    config.greeting = "Hello!";
    config.workflow = core::WorkflowKind::kHandoffToHuman;
    config.debounce = std::chrono::seconds{0};
    (void)store.Publish(workspace, store.SaveDraft(workspace, config).value());
    engine = std::make_unique<Engine>(
        store,
        [&brain](const core::AgentConfig&,
                 const core::Catalog&) -> base::Result<std::unique_ptr<core::Brain>> {
          return std::unique_ptr<core::Brain>(std::make_unique<ForwardBrain>(brain));
        },
        clock);
  }

  testing_support::TempDir dir;
  std::unique_ptr<store::Database> db;
  std::int64_t workspace = 0;
  std::unique_ptr<Engine> engine;
};

}  // namespace runtime::testing
