// The engine: one event on one conversation, from the store through Decide and back to the store.
//
// Handle() loads the conversation, decides with the workspace's published configuration and its
// brain, and commits the decision in one transaction guarded by the conversation's version; when a
// concurrent change wins, it decides again on fresh state. FireDueTimers() turns durable timers
// into events the same way, so a restart loses none.
//
// Thread-safety: Handle may run concurrently for different conversations; callers serialize the
// events of one conversation (the version check makes a breach safe, never silent).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/brain.h"
#include "core/decision.h"
#include "core/event.h"
#include "core/product.h"
#include "core/store.h"

namespace runtime {

// Builds the brain of a published configuration and catalog (see brain/registry.h).
using BrainFactory = std::function<base::Result<std::unique_ptr<core::Brain>>(
    const core::AgentConfig&, const core::Catalog&)>;

struct EngineSettings {
  std::size_t history_limit = 20;  // recent messages given to Decide and the brain
  int max_conflict_retries = 5;    // decide again this often when a concurrent change wins
  std::size_t timer_batch = 256;   // timers fired per store query
};

class Engine {
 public:
  // `store`, `clock` are borrowed and must outlive the engine.
  Engine(core::Store& store, BrainFactory brains, const base::Clock& clock,
         EngineSettings settings = {});

  // Handles `event` on the conversation of `key`, creating it when new. Returns the decision as
  // committed. Errors: kNotFound (unknown workspace), kFailedPrecondition (nothing published),
  // kAlreadyExists (the event's provider id is already stored: a duplicate, nothing done),
  // kConflict (still conflicting after the retries), and store errors.
  base::Result<core::Decision> Handle(const core::ConversationKey& key, const core::Event& event);
  // The same for a known conversation (timers, CRM actions).
  base::Result<core::Decision> Handle(std::int64_t workspace_id, std::int64_t conversation_id,
                                      const core::Event& event);

  // Fires every timer due at the clock's now, earliest first, until none is due. Returns the
  // committed decisions in order. A timer whose conversation fails stays stored for a later try.
  base::Result<std::vector<core::Decision>> FireDueTimers();

  // Runs `work`, which handles events on this thread, in one store transaction
  // (core::Store::Atomically): much cheaper than one commit per event under load. Each Handle
  // keeps its own result; the observer hears of the decisions once the transaction committed, and
  // never of those it undid. Returns work's error or the store's.
  base::Status Atomically(const std::function<base::Status()>& work);

  // Builds the workspace's live agent (its brain, with the brain's search indexes) unless the
  // engine already holds the one of the current published configuration and catalog: the next
  // event then finds it ready. Errors: kFailedPrecondition (nothing published), kNotFound
  // (unknown workspace), the brain factory's and the store's.
  base::Status Prepare(std::int64_t workspace_id);

  // The versions the workspace's held agent was built from; nullopt when the engine holds none.
  std::optional<core::AgentVersion> HeldVersion(std::int64_t workspace_id);

  // Called with every committed decision, on the committing thread, after the commit (live
  // updates: web chat streams, waking the outbox). Set before the first event; it must not call
  // back into the engine.
  using CommitObserver = std::function<void(const core::Decision&)>;
  void SetObserver(CommitObserver observer) { observer_ = std::move(observer); }

 private:
  // A workspace's live agent: its published configuration and the brain built from it and the
  // catalog. Every event checks the versions (one cheap read), so a publish or a catalog change
  // made by any process reaches the next event.
  struct Agent {
    core::AgentVersion version;
    core::AgentConfig config;
    std::unique_ptr<core::Brain> brain;
  };
  using Load = std::function<base::Result<core::ConversationSnapshot>()>;

  base::Result<std::shared_ptr<const Agent>> AgentFor(std::int64_t workspace_id);
  base::Result<core::Decision> DecideAndCommit(std::int64_t workspace_id, const Load& load,
                                               const core::Event& event);
  void Committed(const core::Decision& decision);

  core::Store& store_;
  BrainFactory brains_;
  const base::Clock& clock_;
  EngineSettings settings_;
  CommitObserver observer_;
  std::mutex agents_mutex_;
  // shared_ptr: an agent stays alive for the events using it while a publish replaces it.
  std::map<std::int64_t, std::shared_ptr<const Agent>> agents_;
};

}  // namespace runtime
