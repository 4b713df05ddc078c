// The wizard's model checks ("Test connection") as jobs: a check takes seconds, so the HTTP
// request that asks for one only starts it, and the browser polls for its result. Each check runs
// on a thread of its own, never on a request thread (base::NoSlowCalls).
//
// Bounded: one check per workspace at a time (asking again while it runs gives the running one),
// at most `max_running` on the instance at once, and each workspace keeps only its latest check,
// finished ones for `keep_finished`.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/model_check.h"

namespace api {

struct ModelCheckJobSettings {
  std::size_t max_running = 4;                             // checks at once on the instance
  base::Duration keep_finished = std::chrono::minutes{5};  // a finished check's result stays
};

struct ModelCheckJob {
  std::string id;
  std::optional<base::Result<core::ModelCheck>> result;  // nullopt while it runs
};

class ModelCheckJobs {
 public:
  using Work = std::function<base::Result<core::ModelCheck>()>;

  // `clock` is borrowed and must outlive the jobs; it times how long results are kept.
  ModelCheckJobs(const base::Clock& clock, ModelCheckJobSettings settings = {});
  // Waits for the running checks (each ends within the model's turn deadline).
  ~ModelCheckJobs();
  ModelCheckJobs(const ModelCheckJobs&) = delete;
  ModelCheckJobs& operator=(const ModelCheckJobs&) = delete;

  // Runs `work` for the workspace on a thread of its own and returns the job's id at once; the
  // workspace's previous check is forgotten. When the workspace's check is still running, returns
  // its id and drops `work`. Errors: kResourceExhausted when `max_running` checks run.
  base::Result<std::string> Start(std::int64_t workspace_id, Work work);

  // The workspace's job `id`; nullopt when it has no such job (another one's, replaced, or
  // finished more than `keep_finished` ago).
  std::optional<ModelCheckJob> Find(std::int64_t workspace_id, std::string_view id);

 private:
  struct Entry {
    ModelCheckJob job;
    base::TimePoint finished_at;  // when job.result was set
    std::thread thread;
  };
  // Takes out the finished entries kept too long, for the caller to join outside the lock.
  std::vector<std::thread> Expire();  // REQUIRES: mutex_ held
  void Finish(std::int64_t workspace_id, const std::string& id, base::Result<core::ModelCheck> r);

  const base::Clock& clock_;
  const ModelCheckJobSettings settings_;
  std::mutex mutex_;
  std::map<std::int64_t, Entry> entries_;  // by workspace; guarded by mutex_
  std::uint64_t next_id_;                  // guarded by mutex_
};

}  // namespace api
