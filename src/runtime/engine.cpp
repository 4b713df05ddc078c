#include "runtime/engine.h"

#include <algorithm>
#include <string>
#include <variant>

#include "base/slow_call_guard.h"
#include "workflow/chain.h"
#include "workflow/decide.h"

namespace runtime {

Engine::Engine(core::Store& store, BrainFactory brains, const base::Clock& clock,
               EngineSettings settings)
    : store_(store), brains_(std::move(brains)), clock_(clock), settings_(settings) {}

namespace {

// The provider id an event carries, "" when none.
const std::string& ProviderId(const core::Event& event) {
  static const std::string kNone;
  if (const auto* m = std::get_if<core::CustomerMessage>(&event)) return m->provider_message_id;
  if (const auto* e = std::get_if<core::OwnerEcho>(&event)) return e->provider_message_id;
  if (const auto* n = std::get_if<core::ChannelNote>(&event)) return n->provider_message_id;
  return kNone;
}

}  // namespace

base::Result<core::Decision> Engine::Handle(const core::ConversationKey& key,
                                            const core::Event& event,
                                            const PreparedReply* prepared) {
  // A duplicate delivery is refused before any work (the commit would refuse it too).
  if (const std::string& id = ProviderId(event); !id.empty()) {
    auto known = store_.HasMessage(key.workspace_id, id);
    if (!known.ok()) return known.error();
    if (*known) return base::Error::AlreadyExists("message " + id + " is already stored");
  }
  return DecideAndCommit(
      key.workspace_id, [&] { return store_.OpenConversation(key, settings_.history_limit); },
      event, prepared);
}

base::Result<core::Decision> Engine::Handle(std::int64_t workspace_id, std::int64_t conversation_id,
                                            const core::Event& event) {
  return DecideAndCommit(
      workspace_id,
      [&] {
        return store_.LoadConversation(workspace_id, conversation_id, settings_.history_limit);
      },
      event, nullptr);
}

base::Result<std::vector<core::Decision>> Engine::FireDueTimers() {
  return RunDue(core::TimerKind::kResume, [&](const core::DueTimer& t) {
    return Handle(t.workspace_id, t.conversation_id, core::TimerFired{t.kind, t.due_at});
  });
}

base::Result<std::vector<core::Decision>> Engine::ReplyDue() {
  return RunDue(core::TimerKind::kReply,
                [&](const core::DueTimer& t) -> base::Result<core::Decision> {
                  auto replied = Reply(t.workspace_id, t.conversation_id);
                  if (!replied.ok()) return replied.error();
                  return std::move(replied->decision);
                });
}

base::Result<std::vector<core::Decision>> Engine::RunDue(core::TimerKind kind,
                                                         const TimerHandler& handle) {
  // Bounds the passes should a broken decision leave its timer due (never expected).
  constexpr int kMaxPasses = 64;
  std::vector<core::Decision> decisions;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    const base::TimePoint now = clock_.Now();
    auto due = store_.ClaimTimers(kind, now, settings_.timer_batch, now + settings_.timer_lease);
    if (!due.ok()) return due.error();
    std::size_t handled = 0;
    for (const core::DueTimer& t : *due) {
      auto d = handle(t);
      if (!d.ok()) continue;  // stays stored; the next pass tries again
      ++handled;
      decisions.push_back(std::move(*d));
    }
    // Every decision on a due timer cancels or moves it, so a full batch means more are due.
    if (handled == 0 || due->size() < settings_.timer_batch) break;
  }
  return decisions;
}

base::Result<ReplyOutcome> Engine::Reply(std::int64_t workspace_id, std::int64_t conversation_id) {
  if (const auto forbidden = base::SlowCallsForbidden()) {
    return base::Error::FailedPrecondition("a reply may not be answered inside " +
                                           std::string(*forbidden));
  }
  auto agent = AgentFor(workspace_id);
  if (!agent.ok()) return agent.error();
  ReplyOutcome outcome;
  std::optional<workflow::Proposed> proposed;
  for (int conflicts = 0;;) {
    auto snapshot = store_.LoadConversation(workspace_id, conversation_id, settings_.history_limit);
    if (!snapshot.ok()) return snapshot.error();
    auto step = workflow::DecideReply(*snapshot, (*agent)->config, proposed ? &*proposed : nullptr,
                                      clock_.Now());
    if (auto* request = std::get_if<workflow::BrainRequest>(&step)) {
      if (proposed) ++outcome.discarded;  // made for a turn that changed meanwhile
      if (outcome.proposals == settings_.max_proposals) {
        return base::Error::Conflict("the conversation kept changing while the brain proposed");
      }
      // A brain that answers at once is done before any indicator would show.
      if (++outcome.proposals == 1 && thinking_ && !(*agent)->brain->AnswersAtOnce()) {
        thinking_(*snapshot);
      }
      // The one call that may take seconds: no lock is held here.
      proposed = workflow::Proposed{request->basis, (*agent)->brain->Propose(request->input)};
      step = workflow::DecideReply(*snapshot, (*agent)->config, &*proposed, clock_.Now());
      if (std::holds_alternative<workflow::BrainRequest>(step)) {
        return base::Error::Internal("a proposal was not applied to its own turn");
      }
    }
    auto committed = store_.Commit(workspace_id, std::get<core::Decision>(step));
    if (committed.ok()) {
      // A proposal that ends in nothing to say was dropped too (a person acted while it was made).
      if (proposed && committed->messages.empty()) ++outcome.discarded;
      Committed(*committed);
      outcome.decision = std::move(*committed);
      return outcome;
    }
    if (committed.error().code != base::ErrorCode::kConflict ||
        ++conflicts > settings_.max_conflict_retries) {
      return committed.error();
    }
  }
}

base::Result<std::shared_ptr<const Engine::Agent>> Engine::AgentFor(std::int64_t workspace_id) {
  auto version = store_.LoadAgentVersion(workspace_id);
  if (!version.ok()) return version.error();
  {
    std::lock_guard lock(agents_mutex_);
    if (auto it = agents_.find(workspace_id);
        it != agents_.end() && it->second->version == *version) {
      return it->second;
    }
  }
  auto published = store_.LoadPublished(workspace_id);
  if (!published.ok()) {
    if (published.error().code != base::ErrorCode::kNotFound) return published.error();
    return base::Error::FailedPrecondition("the workspace has no published agent yet");
  }
  auto catalog = store_.LoadCatalog(workspace_id);
  if (!catalog.ok()) return catalog.error();
  auto brain = brains_(published->config, *catalog);
  if (!brain.ok()) return brain.error();
  // Versions as read with the data: a change in between is caught by the next event's check.
  const core::AgentVersion built{published->version, catalog->version};
  auto agent =
      std::make_shared<const Agent>(Agent{built, std::move(published->config), std::move(*brain)});
  // Every instance's catalog step says "ready" from now on. A failure here costs only that: this
  // instance holds the agent, and the next build records it.
  (void)store_.RecordBuiltAgent(workspace_id, built);
  std::lock_guard lock(agents_mutex_);
  // A slower build of older versions never replaces a newer agent (versions only grow).
  std::shared_ptr<const Agent>& held = agents_[workspace_id];
  if (held == nullptr || (held->version.config_version <= built.config_version &&
                          held->version.catalog_version <= built.catalog_version)) {
    held = agent;
  }
  return std::shared_ptr<const Agent>(agent);
}

base::Status Engine::Prepare(std::int64_t workspace_id) {
  auto agent = AgentFor(workspace_id);
  if (!agent.ok()) return agent.error();
  return base::Status::Ok();
}

std::optional<core::AgentVersion> Engine::HeldVersion(std::int64_t workspace_id) {
  std::lock_guard lock(agents_mutex_);
  const auto it = agents_.find(workspace_id);
  if (it == agents_.end()) return std::nullopt;
  return it->second->version;
}

base::Result<core::Decision> Engine::DecideAndCommit(std::int64_t workspace_id, const Load& load,
                                                     const core::Event& event,
                                                     const PreparedReply* prepared) {
  if (prepared != nullptr) {
    // Decided with its reply before the transaction: stored when nothing changed since (the
    // commit compares the conversation's version; a publish or a new catalog is checked here).
    auto version = store_.LoadAgentVersion(workspace_id);
    if (!version.ok()) return version.error();
    if (*version == prepared->agent) {
      auto committed = store_.Commit(workspace_id, prepared->decision);
      if (committed.ok()) Committed(*committed);
      if (committed.ok() || committed.error().code != base::ErrorCode::kConflict) return committed;
    }
  }
  auto agent = AgentFor(workspace_id);
  if (!agent.ok()) return agent.error();
  for (int attempt = 0;; ++attempt) {
    auto snapshot = load();
    if (!snapshot.ok()) return snapshot.error();
    const core::Decision decision =
        workflow::Decide(*snapshot, event, (*agent)->config, clock_.Now());
    auto committed = store_.Commit(workspace_id, decision);
    if (committed.ok()) Committed(*committed);
    if (committed.ok() || committed.error().code != base::ErrorCode::kConflict ||
        attempt >= settings_.max_conflict_retries) {
      return committed;
    }
  }
}

std::optional<PreparedReply> Engine::PrepareReply(const core::ConversationKey& key,
                                                  const core::CustomerMessage& message) {
  if (base::SlowCallsForbidden()) return std::nullopt;
  auto agent = AgentFor(key.workspace_id);
  if (!agent.ok() || !(*agent)->brain->AnswersAtOnce()) return std::nullopt;
  // A new conversation is created with its first message: that one is answered on the pool.
  auto found = store_.FindConversation(key, settings_.history_limit);
  if (!found.ok() || !found->has_value()) return std::nullopt;
  const core::AgentConfig& config = (*agent)->config;
  const base::TimePoint now = clock_.Now();
  core::Decision stored = workflow::Decide(**found, message, config, now);
  const bool due_now = std::ranges::any_of(stored.timers, [&](const core::TimerChange& t) {
    return t.kind == core::TimerKind::kReply && t.due_at && *t.due_at <= now;
  });
  if (!due_now) return std::nullopt;
  const core::ConversationSnapshot after = workflow::After(std::move(**found), stored);
  auto step = workflow::DecideReply(after, config, nullptr, now);
  const auto* request = std::get_if<workflow::BrainRequest>(&step);
  if (request == nullptr) return std::nullopt;
  const workflow::Proposed proposed{request->basis, (*agent)->brain->Propose(request->input)};
  auto reply = workflow::DecideReply(after, config, &proposed, now);
  auto* decided = std::get_if<core::Decision>(&reply);
  if (decided == nullptr) return std::nullopt;
  return PreparedReply{workflow::Chain(std::move(stored), std::move(*decided)), (*agent)->version};
}

namespace {

// The decisions of the Engine::Atomically running on this thread, held back until it commits.
struct Deferred {
  const Engine* engine = nullptr;
  std::vector<core::Decision> decisions;
};
thread_local Deferred* t_deferred = nullptr;

}  // namespace

void Engine::Committed(const core::Decision& decision) {
  if (!observer_) return;
  if (t_deferred != nullptr && t_deferred->engine == this) {
    t_deferred->decisions.push_back(decision);
    return;
  }
  observer_(decision);
}

base::Status Engine::Atomically(const std::function<base::Status()>& work) {
  Deferred deferred{this, {}};
  Deferred* const outer = t_deferred;
  t_deferred = &deferred;
  base::Status done = store_.Atomically(work);
  t_deferred = outer;
  if (!done.ok()) return done;
  for (const core::Decision& d : deferred.decisions) Committed(d);
  return done;
}

}  // namespace runtime
