// The llm brain's harness per turn, with a model that answers at once: everything but the model
// (the local brain's reading, retrieval, the prompt, parsing the answer, the guards) and the
// commits on SQLite, through runtime::Engine with the serve wiring's brains (app::AgentBrains).
// The workspace has 40 products and a 20,000-character business context; each customer asks a
// product's price and the model calls `respond` with it (targets: p50 <= 1 ms, p99 <= 5 ms).
//
// Each turn is Engine::Handle of the customer's message (its commit) and then Engine::Reply (the
// brain's turn and the reply's commit), timed apart. Two transports: an in-process function that
// returns the canned answer (no sockets), and the real HTTP client (app::LlmTransport, libcurl)
// against a fake model on loopback (bench/fake_model.h).
//
//   llm_turn_bench [--turns 2000] [--conversations 500]
//
// Prints a Markdown table: p50, p99 and max per transport and part of the turn. Fails when a
// reply is not the model's (a guard refused it, or the fallback answered).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/agent_brains.h"
#include "app/init.h"
#include "app/llm_transport.h"
#include "fake_model.h"
#include "http/client.h"
#include "llm_shop.h"
#include "runtime/engine.h"
#include "store/database.h"
#include "testing/temp_dir.h"
#include "whatsapp_load.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kProducts = 40;
constexpr std::size_t kContextChars = 20'000;
constexpr int kWarmUpTurns = 100;  // the first builds the agent's indexes

struct Options {
  int turns = 2000;
  int conversations = 500;
};

struct Timings {
  std::vector<double> handle_ms, reply_ms, turn_ms;
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void PrintRow(const std::string& transport, const std::string& part, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("| %s | %s | %.3f | %.3f | %.3f |\n", transport.c_str(), part.c_str(),
              bench::Percentile(ms, 0.50), bench::Percentile(ms, 0.99), ms.back());
}

// Runs warm-up and measured turns on a fresh database; `asked` is set to each turn's product
// before the turn, for a transport that answers without reading the request. Empty timings when a
// reply was not the model's.
Timings RunTurns(const Options& o, const bench::LlmShop& shop, brain::llm::Transport transport,
                 const std::string& base_url, std::size_t& asked) {
  testing_support::TempDir dir;
  bench::WriteLlmShop(shop, dir.path(), "");
  auto db = store::OpenDatabase("sqlite:" + (dir.path() / "fd.db").string(), {});
  auto file = app::ReadWorkspaceFile(dir.path() / "workspace.toml");
  if (!db.ok() || !file.ok()) {
    std::cerr << "llm_turn_bench: " << (db.ok() ? file.error() : db.error()).message << '\n';
    return {};
  }
  auto workspace = app::InitWorkspace((*db)->store(), (*db)->channel_accounts(), *file);
  if (!workspace.ok()) return {};
  const std::int64_t workspace_id = workspace->workspace.id;

  app::LlmConfig llm;
  llm.settings.endpoint.base_url = base_url;
  llm.settings.endpoint.model = "bench-model";
  llm.settings.endpoint.mode = brain::llm::OutputMode::kTools;
  const base::SystemClock clock;
  brain::llm::EndpointState endpoint((*db)->token_usage());
  runtime::Engine engine(
      (*db)->store(),
      app::AgentBrains(
          {.llm = &llm, .transport = std::move(transport), .clock = &clock, .endpoint = &endpoint}),
      clock);

  Timings t;
  for (int i = 0; i < kWarmUpTurns + o.turns; ++i) {
    asked = static_cast<std::size_t>(i) % kProducts;
    const bench::ShopProduct& product = shop.products[asked];
    const core::ConversationKey key{workspace_id, core::Channel::kWeb,
                                    "customer-" + std::to_string(i % o.conversations)};
    const auto began = Clock::now();
    auto handled = engine.Handle(key, core::CustomerMessage{bench::Question(product), clock.Now()});
    const auto handled_at = Clock::now();
    if (!handled.ok()) return {};
    auto replied = engine.Reply(workspace_id, handled->conversation.id);
    const auto replied_at = Clock::now();
    if (!replied.ok() || replied->decision.messages.empty() ||
        replied->decision.messages.back().text.find(bench::Reply(product)) == std::string::npos) {
      std::cerr << "llm_turn_bench: turn " << i << " was not answered by the model\n";
      return {};
    }
    if (i < kWarmUpTurns) continue;
    t.handle_ms.push_back(Ms(handled_at - began));
    t.reply_ms.push_back(Ms(replied_at - handled_at));
    t.turn_ms.push_back(Ms(replied_at - began));
  }
  return t;
}

bool Report(const std::string& transport, const Timings& t) {
  if (t.turn_ms.empty()) return false;
  PrintRow(transport, "Handle (the message's commit)", t.handle_ms);
  PrintRow(transport, "Reply (the brain's turn and the reply's commit)", t.reply_ms);
  PrintRow(transport, "the whole turn", t.turn_ms);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"the llm brain's harness per turn, with a model that answers at once"};
  app.add_option("--turns", o.turns, "measured turns")->check(CLI::PositiveNumber);
  app.add_option("--conversations", o.conversations, "customers writing, in turn")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  const bench::LlmShop shop = bench::MakeLlmShop(kProducts, kContextChars);
  std::vector<std::string> canned;  // the model's answer about each product
  for (const bench::ShopProduct& p : shop.products) canned.push_back(bench::RespondCompletion(p));
  std::size_t asked = 0;
  const brain::llm::Transport in_process = [&](const brain::llm::HttpRequest&, base::Duration,
                                               bool&) -> base::Result<brain::llm::HttpReply> {
    return brain::llm::HttpReply{200, {}, canned[asked]};
  };

  const http::CurlGlobal curl;  // before any thread starts
  bench::FakeModel model(shop, {});
  if (!model.started()) {
    std::cerr << "llm_turn_bench: the fake model did not start\n";
    return 1;
  }
  // After the model: the client's kept-alive connection closes first, and the model stops at once.
  const http::Client client(curl);

  std::printf(
      "| transport | measured | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |\n");
  const bool ok =
      Report("in process", RunTurns(o, shop, in_process, "http://model.invalid/v1", asked)) &&
      Report("HTTP, loopback",
             RunTurns(o, shop, app::LlmTransport(client), model.base_url(), asked));
  return ok ? 0 : 1;
}
