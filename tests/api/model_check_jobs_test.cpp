// The model checks' jobs: started at once on threads of their own (never inside the caller's
// NoSlowCalls scope), one per workspace at a time, a few at once, finished ones kept for a while
// on the fake clock.
#include "api/model_check_jobs.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "base/slow_call_guard.h"

namespace api {
namespace {

using namespace std::chrono_literals;

// Work that blocks until released, and says whether slow calls were allowed where it ran.
class Gate {
 public:
  ModelCheckJobs::Work Work(std::string model = "m") {
    return [this, model]() -> base::Result<core::ModelCheck> {
      std::unique_lock lock(mutex_);
      allowed_ = !base::SlowCallsForbidden().has_value();
      open_.wait(lock, [this] { return released_; });
      ++ended_;
      core::ModelCheck check;
      check.model = model;
      return check;
    };
  }
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    open_.notify_all();
  }
  bool allowed() {
    std::lock_guard lock(mutex_);
    return allowed_;
  }
  int ended() {
    std::lock_guard lock(mutex_);
    return ended_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable open_;
  bool released_ = false;
  bool allowed_ = false;
  int ended_ = 0;
};

// Polls until the job has a result (or two seconds pass).
std::optional<ModelCheckJob> Finished(ModelCheckJobs& jobs, std::int64_t workspace,
                                      const std::string& id) {
  for (int i = 0; i < 200; ++i) {
    auto job = jobs.Find(workspace, id);
    if (!job || job->result) return job;
    std::this_thread::sleep_for(10ms);
  }
  return jobs.Find(workspace, id);
}

class ModelCheckJobsTest : public ::testing::Test {
 protected:
  // A failed assertion leaves no check blocked: the jobs (destroyed first) can join them.
  ~ModelCheckJobsTest() override { gate_.Release(); }

  ModelCheckJobs& Jobs(ModelCheckJobSettings settings = {}) {
    jobs_ = std::make_unique<ModelCheckJobs>(clock_, settings);
    return *jobs_;
  }

  base::FakeClock clock_{base::FromMillis(1'800'000'000'000)};
  Gate gate_;
  std::unique_ptr<ModelCheckJobs> jobs_;
};

TEST_F(ModelCheckJobsTest, StartReturnsAtOnceAndTheCheckRunsWhereSlowCallsAreAllowed) {
  ModelCheckJobs& jobs = Jobs();
  base::Result<std::string> id = base::Error::Internal("unset");
  {
    const base::NoSlowCalls guard("an HTTP request handler");
    id = jobs.Start(1, gate_.Work());
  }
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto running = jobs.Find(1, *id);
  ASSERT_TRUE(running.has_value());
  EXPECT_FALSE(running->result.has_value());
  gate_.Release();
  auto done = Finished(jobs, 1, *id);
  ASSERT_TRUE(done && done->result);
  ASSERT_TRUE(done->result->ok());
  EXPECT_EQ((*done->result)->model, "m");
  EXPECT_TRUE(gate_.allowed());
}

TEST_F(ModelCheckJobsTest, AWorkspaceRunsOneCheckAtATime) {
  ModelCheckJobs& jobs = Jobs();
  auto first = jobs.Start(1, gate_.Work("first"));
  auto second = jobs.Start(1, gate_.Work("second"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
  gate_.Release();
  auto done = Finished(jobs, 1, *first);
  ASSERT_TRUE(done && done->result && done->result->ok());
  EXPECT_EQ((*done->result)->model, "first");
  // Finished: a new check replaces it.
  auto third = jobs.Start(1, gate_.Work("third"));
  ASSERT_TRUE(third.ok());
  EXPECT_NE(*third, *first);
  EXPECT_FALSE(jobs.Find(1, *first).has_value());
}

TEST_F(ModelCheckJobsTest, OnlyAFewRunAtOnceOnTheInstance) {
  ModelCheckJobs& jobs = Jobs({.max_running = 2});
  ASSERT_TRUE(jobs.Start(1, gate_.Work()).ok());
  ASSERT_TRUE(jobs.Start(2, gate_.Work()).ok());
  auto third = jobs.Start(3, gate_.Work());
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, base::ErrorCode::kResourceExhausted);
}

TEST_F(ModelCheckJobsTest, AJobIsFoundOnlyInItsWorkspace) {
  ModelCheckJobs& jobs = Jobs();
  auto id = jobs.Start(1, gate_.Work());
  ASSERT_TRUE(id.ok());
  EXPECT_FALSE(jobs.Find(2, *id).has_value());
  EXPECT_FALSE(jobs.Find(1, "not-an-id").has_value());
}

TEST_F(ModelCheckJobsTest, AFinishedCheckIsKeptForAWhile) {
  ModelCheckJobs& jobs = Jobs({.keep_finished = 5min});
  auto id = jobs.Start(1, gate_.Work());
  ASSERT_TRUE(id.ok());
  clock_.Advance(1h);  // running: never expires
  gate_.Release();
  ASSERT_TRUE(Finished(jobs, 1, *id)->result.has_value());
  clock_.Advance(4min);
  EXPECT_TRUE(jobs.Find(1, *id).has_value());
  clock_.Advance(1min);
  EXPECT_FALSE(jobs.Find(1, *id).has_value());
}

TEST_F(ModelCheckJobsTest, DestroyingWaitsForTheRunningChecks) {
  ASSERT_TRUE(Jobs().Start(1, gate_.Work()).ok());
  std::thread release([this] {
    std::this_thread::sleep_for(50ms);
    gate_.Release();
  });
  jobs_.reset();
  EXPECT_EQ(gate_.ended(), 1);
  release.join();
}

}  // namespace
}  // namespace api
