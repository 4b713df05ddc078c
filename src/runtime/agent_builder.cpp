#include "runtime/agent_builder.h"

#include <string>

namespace runtime {

std::string_view ToString(IndexingState state) {
  switch (state) {
    case IndexingState::kEmpty:
      return "empty";
    case IndexingState::kIndexing:
      return "indexing";
    case IndexingState::kReady:
      return "ready";
  }
  return "indexing";
}

AgentBuilder::AgentBuilder(core::Store& store, Engine& engine, Log log)
    : store_(store), engine_(engine), log_(std::move(log)), worker_([this] { Run(); }) {}

AgentBuilder::~AgentBuilder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void AgentBuilder::Request(std::int64_t workspace_id) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !queued_.insert(workspace_id).second) return;
    queue_.push_back(workspace_id);
  }
  wake_.notify_one();
}

base::Result<Indexing> AgentBuilder::StateOf(std::int64_t workspace_id, std::size_t product_count) {
  auto current = store_.LoadAgentVersion(workspace_id);
  if (!current.ok()) return current.error();
  auto built = store_.LoadBuiltAgentVersion(workspace_id);
  if (!built.ok()) return built.error();
  Indexing indexing{product_count == 0 ? IndexingState::kEmpty : IndexingState::kReady,
                    current->catalog_version};
  const bool published = current->config_version > 0;
  if (!published) return indexing;
  // Indexing until some instance built the current agent; this one builds its own meanwhile.
  if (*built != *current) indexing.state = IndexingState::kIndexing;
  if (engine_.HeldVersion(workspace_id) != *current) Request(workspace_id);
  return indexing;
}

void AgentBuilder::WaitIdleForTest() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return (queue_.empty() || stopping_) && !building_; });
}

void AgentBuilder::Run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) break;
    const std::int64_t workspace_id = queue_.front();
    queue_.pop_front();
    queued_.erase(workspace_id);
    building_ = true;
    lock.unlock();
    const base::Status built = engine_.Prepare(workspace_id);
    // Nothing published is no failure: there is no agent to build yet.
    if (!built.ok() && built.error().code != base::ErrorCode::kFailedPrecondition && log_) {
      log_("building the agent of workspace " + std::to_string(workspace_id) +
           " failed: " + built.error().message);
    }
    lock.lock();
    building_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
  building_ = false;
  idle_.notify_all();
}

}  // namespace runtime
