#include "api/model_check_jobs.h"

#include <cstdio>
#include <random>
#include <system_error>

namespace api {
namespace {

void JoinAll(std::vector<std::thread>& threads) {
  for (std::thread& t : threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace

// Ids start at a random number, so that a page still polling after a restart never reads a new
// check as its own.
ModelCheckJobs::ModelCheckJobs(const base::Clock& clock, ModelCheckJobSettings settings)
    : clock_(clock), settings_(settings), next_id_(std::random_device{}()) {}

ModelCheckJobs::~ModelCheckJobs() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    for (auto& [workspace, entry] : entries_) threads.push_back(std::move(entry.thread));
  }
  JoinAll(threads);
}

std::vector<std::thread> ModelCheckJobs::Expire() {
  std::vector<std::thread> done;
  const base::TimePoint now = clock_.Now();
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.job.result && it->second.finished_at + settings_.keep_finished <= now) {
      done.push_back(std::move(it->second.thread));
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  return done;
}

base::Result<std::string> ModelCheckJobs::Start(std::int64_t workspace_id, Work work) {
  std::vector<std::thread> done;
  base::Result<std::string> started = [&]() -> base::Result<std::string> {
    std::lock_guard lock(mutex_);
    done = Expire();
    const auto mine = entries_.find(workspace_id);
    if (mine != entries_.end() && !mine->second.job.result) return mine->second.job.id;
    std::size_t running = 0;
    for (const auto& [workspace, entry] : entries_) running += entry.job.result ? 0 : 1;
    if (running >= settings_.max_running) {
      return base::Error::ResourceExhausted(
          "the server is testing its model for other workspaces: try again in a minute");
    }
    if (mine != entries_.end()) {
      done.push_back(std::move(mine->second.thread));
      entries_.erase(mine);
    }
    char id[17];
    std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(next_id_++));
    Entry& entry = entries_[workspace_id];
    entry.job.id = id;
    try {
      // Finish takes the lock held here: it runs once the entry is complete.
      entry.thread = std::thread([this, workspace_id, id = entry.job.id, work = std::move(work)] {
        Finish(workspace_id, id, work());
      });
    } catch (const std::system_error& e) {
      entries_.erase(workspace_id);
      return base::Error::Unavailable(std::string("the test could not start: ") + e.what());
    }
    return entry.job.id;
  }();
  JoinAll(done);
  return started;
}

void ModelCheckJobs::Finish(std::int64_t workspace_id, const std::string& id,
                            base::Result<core::ModelCheck> result) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(workspace_id);
  // Always found: a running check's entry is never replaced nor expired.
  if (it == entries_.end() || it->second.job.id != id) return;
  it->second.job.result = std::move(result);
  it->second.finished_at = clock_.Now();
}

std::optional<ModelCheckJob> ModelCheckJobs::Find(std::int64_t workspace_id, std::string_view id) {
  std::vector<std::thread> done;
  std::optional<ModelCheckJob> found;
  {
    std::lock_guard lock(mutex_);
    done = Expire();
    const auto it = entries_.find(workspace_id);
    if (it != entries_.end() && it->second.job.id == id) found = it->second.job;
  }
  JoinAll(done);
  return found;
}

}  // namespace api
