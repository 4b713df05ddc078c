// Builds workspaces' live agents in the background, and tells whether a workspace's agent is
// current: the catalog's indexing state the CRM shows.
//
// A catalog upload or clear, or a publish, makes the engine's agent of the workspace stale: its
// brain (with the search indexes built from the catalog and the business context) must be built
// again. Request() queues that build on the builder's one worker thread, so the next customer
// message finds it ready instead of waiting for it. Until the engine holds the agent of the
// current published configuration and catalog, the state is "indexing".
//
// Before the first publish there is no agent to build: the state is then "ready" for a catalog
// with products (it is indexed when the configuration is published, and the state is
// "indexing" until it is) and "empty" for one without.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>

#include "base/result.h"
#include "core/store.h"
#include "runtime/engine.h"

namespace runtime {

enum class IndexingState {
  kEmpty,     // the catalog has no products, and the live agent knows it
  kIndexing,  // the live agent is being built from the current catalog and configuration
  kReady,     // the live agent answers from the current catalog
};

// "empty", "indexing", "ready".
std::string_view ToString(IndexingState state);

struct Indexing {
  IndexingState state = IndexingState::kEmpty;
  std::int64_t version = 0;  // the catalog version the state is about (the current one)
};

class AgentBuilder {
 public:
  // Receives one line per failed build (the workspace id and the error), from the worker.
  using Log = std::function<void(std::string_view)>;

  // Starts the worker. `store` and `engine` are borrowed and must outlive the builder.
  AgentBuilder(core::Store& store, Engine& engine, Log log);
  // Finishes the build in progress, drops the queued ones and joins the worker.
  ~AgentBuilder();
  AgentBuilder(const AgentBuilder&) = delete;
  AgentBuilder& operator=(const AgentBuilder&) = delete;

  // Queues a build of the workspace's agent and returns at once; a workspace already queued is
  // not queued twice. A build finds nothing to do when the engine already holds the current
  // agent, or nothing published.
  void Request(std::int64_t workspace_id);

  // The indexing state of the workspace's catalog, which holds `product_count` products: indexing
  // until an instance built the agent of the current catalog and configuration (the store
  // records it: every instance says the same). This engine's stale agent is queued for a build
  // (after a restart, a build that failed, or another instance's build). Errors: the store's.
  base::Result<Indexing> StateOf(std::int64_t workspace_id, std::size_t product_count);

  // Blocks until no build is queued or running.
  void WaitIdleForTest();

 private:
  void Run();

  core::Store& store_;
  Engine& engine_;
  Log log_;
  std::mutex mutex_;
  std::condition_variable wake_;  // work queued, or stopping
  std::condition_variable idle_;  // the queue ran dry
  std::deque<std::int64_t> queue_;
  std::set<std::int64_t> queued_;  // the ids in queue_
  bool building_ = false;
  bool stopping_ = false;
  std::thread worker_;  // last: starts once the members above exist
};

}  // namespace runtime
