// Inbound message -> the local brain's proposal (Engine::PrepareReply, before the transaction) ->
// Decide and DecideReply -> the message and its reply committed in one transaction, as the intake
// does it, on SQLite, with the example shop's catalog: the engine's throughput on one core
// (target: >= 5,000 messages/s).
//
//   make bench            or            build/bench/engine_bench
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "app/init.h"
#include "brain/registry.h"
#include "runtime/engine.h"
#include "store/database.h"
#include "workflow/decide.h"

namespace {

namespace fs = std::filesystem;

constexpr int kConversations = 1'000;

// Questions a shop's customers ask; all answerable, so every message runs the full reply path.
constexpr const char* kMessages[] = {
    "do you have linen napkins?",    "how much is the stoneware mug?",
    "what are your opening hours?",  "¿cuánto cuesta el juego de platos?",
    "vocês têm caneca de cerâmica?", "what is your return policy?",
    "do you ship abroad?",           "is the terracotta mug in stock?",
};

runtime::BrainFactory LocalBrains() {
  return [](const core::AgentConfig& config, const core::Catalog& catalog) {
    return brain::MakeBrain("local", config, catalog);
  };
}

// A fresh database with the example shop published, debounce 0 so every message is answered.
struct Fixture {
  Fixture() {
    dir = fs::temp_directory_path() / ("engine_bench_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = store::OpenDatabase("sqlite:" + (dir / "bench.db").string(), {}).value();
    auto file =
        app::ReadWorkspaceFile(fs::path(FRONTDESK_SOURCE_DIR) / "examples/shop/workspace.toml");
    file->config.debounce = base::Duration{0};
    workspace = app::InitWorkspace(db->store(), db->channel_accounts(), *file)->workspace;
  }
  ~Fixture() {
    db.reset();
    fs::remove_all(dir);
  }
  fs::path dir;
  std::unique_ptr<store::Database> db;
  core::Workspace workspace;
};

void BM_EngineInboundToDurableReply(benchmark::State& state) {
  Fixture fixture;
  base::FakeClock clock(base::FromMillis(1'800'000'000'000));
  runtime::Engine engine(fixture.db->store(), LocalBrains(), clock);
  std::int64_t i = 0;
  for (auto _ : state) {
    const core::ConversationKey key{fixture.workspace.id, core::Channel::kWeb,
                                    "customer-" + std::to_string(i % kConversations)};
    // As the intake does it: the local brain proposes before the transaction that stores the
    // message and its reply together.
    const core::CustomerMessage message{kMessages[i % std::size(kMessages)], clock.Now()};
    // A conversation's first message creates it and is answered as the reply pool does.
    const auto prepared = engine.PrepareReply(key, message);
    std::int64_t conversation_id = 0;
    const base::Status stored = engine.Atomically([&]() -> base::Status {
      auto d = engine.Handle(key, message, prepared ? &*prepared : nullptr);
      if (!d.ok()) return d.error();
      conversation_id = d->conversation.id;
      return base::Status::Ok();
    });
    if (!stored.ok()) state.SkipWithError(stored.error().message.c_str());
    if (!prepared) {
      auto replied = engine.Reply(fixture.workspace.id, conversation_id);
      if (!replied.ok()) state.SkipWithError(replied.error().message.c_str());
    }
    clock.Advance(std::chrono::milliseconds{1});
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineInboundToDurableReply)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The same decisions without the store: what Decide, DecideReply and the brain cost alone.
void BM_DecideOnly(benchmark::State& state) {
  Fixture fixture;
  auto published = fixture.db->store().LoadPublished(fixture.workspace.id);
  auto catalog = fixture.db->store().LoadCatalog(fixture.workspace.id);
  auto brain = brain::MakeBrain("local", published->config, *catalog);
  core::ConversationSnapshot before;
  before.conversation.greeted = true;
  const base::TimePoint now = base::FromMillis(1'800'000'000'000);
  std::int64_t i = 0;
  for (auto _ : state) {
    const core::CustomerMessage message{kMessages[i++ % std::size(kMessages)], now};
    auto d = workflow::Decide(before, message, published->config, now);
    // The snapshot the reply sees: the message stored.
    core::ConversationSnapshot after = before;
    after.history = d.messages;
    after.history.back().id = i;
    auto request = workflow::DecideReply(after, published->config, nullptr, now);
    const auto& asked = std::get<workflow::BrainRequest>(request);
    const workflow::Proposed proposed{asked.basis, (*brain)->Propose(asked.input)};
    auto reply = workflow::DecideReply(after, published->config, &proposed, now);
    benchmark::DoNotOptimize(reply);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideOnly)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
