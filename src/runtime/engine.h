// The engine: one event on one conversation, from the store through Decide and back to the store.
//
// Handle() loads the conversation, decides with the workspace's published configuration, and
// commits the decision in one transaction guarded by the conversation's version; when a concurrent
// change wins, it decides again on fresh state. It never calls a brain, so it may run anywhere: in
// a store transaction, on an HTTP request thread, on the thread that fires timers. A customer owed
// a reply gets the conversation's reply timer instead, and Reply() answers it where slow calls are
// allowed (runtime::ReplyPool's threads). FireDueTimers() turns the other durable timers into
// events, so a restart loses none.
//
// Thread-safety: Handle and Reply may run concurrently for different conversations; callers
// serialize the work of one conversation (the version check makes a breach safe, never silent).
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
  int max_proposals = 3;           // brain calls for one reply, when its turn keeps changing
  std::size_t timer_batch = 256;   // timers fired (or replies answered) per store query
  // How long fired timers are this instance's (core::Store::ClaimTimers): on a database several
  // instances share, one that failed here is tried again after this, here or elsewhere.
  base::Duration timer_lease = std::chrono::minutes{2};
};

// A customer message and its reply, decided before the transaction that stores them, with the
// proposal of a brain that answers at once (Engine::PrepareReply). The decision keeps the version
// of the snapshot both were decided on: the store commits it only if nothing changed since.
struct PreparedReply {
  core::Decision decision;
  core::AgentVersion agent;  // the configuration and catalog it was decided with
};

// What answering one reply took.
struct ReplyOutcome {
  core::Decision decision;  // as committed: it settles the reply timer
  int proposals = 0;        // brain calls made
  int discarded = 0;        // proposals dropped: their turn changed while the brain ran
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
  // With `prepared` (PrepareReply for this very event): the message and its reply are committed
  // as prepared when the conversation, the published configuration and the catalog are still as
  // the preparation saw them; otherwise the event is decided on the fresh state and its reply
  // timer stays due.
  base::Result<core::Decision> Handle(const core::ConversationKey& key, const core::Event& event,
                                      const PreparedReply* prepared = nullptr);
  // The same for a known conversation (timers, CRM actions).
  base::Result<core::Decision> Handle(std::int64_t workspace_id, std::int64_t conversation_id,
                                      const core::Event& event);

  // `message` and the reply it will be owed, decided now from the conversation as stored (the
  // brain called with no lock held; workflow::Chain), for Handle to commit in one transaction
  // instead of two. nullopt, with the brain not called, when the brain does not answer at once
  // (core::Brain::AnswersAtOnce), where slow calls are forbidden (base::SlowCallsForbidden), for
  // a conversation not stored yet, when the reply would not be due at once (a debounce window, a
  // person in control, nothing to answer) and on any error: Handle then leaves the reply timer
  // due, as without preparation. Call it outside every transaction: it reads the store.
  std::optional<PreparedReply> PrepareReply(const core::ConversationKey& key,
                                            const core::CustomerMessage& message);

  // Answers the reply due on the conversation (workflow::DecideReply): loads a snapshot, asks the
  // workspace's brain with no store lock held, decides with the proposal and commits guarded by
  // the version. When a person acted or a newer customer message arrived meanwhile, decides again
  // on the fresh state: a takeover yields no AI message, a newer message is answered together
  // with the first (the brain is asked again, at most settings.max_proposals times).
  // Errors: kFailedPrecondition when called where slow calls are forbidden
  // (base::SlowCallsForbidden), nothing done; kConflict when the turn kept changing (the reply
  // timer stays due); kNotFound, kFailedPrecondition (nothing published) and store errors.
  base::Result<ReplyOutcome> Reply(std::int64_t workspace_id, std::int64_t conversation_id);

  // Answers every reply due at the clock's now, one after another on this thread, until none is
  // due (the terminal chat and tests; a server runs Reply on runtime::ReplyPool). Returns the
  // committed decisions in order; a reply that fails stays due for a later try.
  base::Result<std::vector<core::Decision>> ReplyDue();

  // Fires every timer due at the clock's now but the reply timers, earliest first, until none is
  // due. Returns the committed decisions in order. A timer whose conversation fails stays stored
  // for a later try.
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

  // Called by Reply before it asks a brain that does not answer at once (a model), with the
  // snapshot it asks about: the customer may be shown that a reply is coming (runtime::Presence).
  // Set before the first event; it must return at once and not call back into the engine.
  using ThinkingObserver = std::function<void(const core::ConversationSnapshot&)>;
  void SetThinkingObserver(ThinkingObserver observer) { thinking_ = std::move(observer); }

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
                                               const core::Event& event,
                                               const PreparedReply* prepared);
  // The committed decision of each due timer of `kind`, handled by `handle`, until none is due.
  using TimerHandler = std::function<base::Result<core::Decision>(const core::DueTimer&)>;
  base::Result<std::vector<core::Decision>> RunDue(core::TimerKind kind,
                                                   const TimerHandler& handle);
  void Committed(const core::Decision& decision);

  core::Store& store_;
  BrainFactory brains_;
  const base::Clock& clock_;
  EngineSettings settings_;
  CommitObserver observer_;
  ThinkingObserver thinking_;
  std::mutex agents_mutex_;
  // shared_ptr: an agent stays alive for the events using it while a publish replaces it.
  std::map<std::int64_t, std::shared_ptr<const Agent>> agents_;
};

}  // namespace runtime
