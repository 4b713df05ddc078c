#include "runtime/background_loop.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace runtime {
namespace {

using namespace std::chrono_literals;

// Counts passes; each of the first `busy` passes reports work.
class Passes {
 public:
  explicit Passes(int busy) : busy_(busy) {}
  bool Run() {
    std::lock_guard lock(mutex_);
    ++count_;
    changed_.notify_all();
    return count_ <= busy_;
  }
  // Waits until `n` passes ran (the deadline only guards against a hang).
  bool WaitFor(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s, [&] { return count_ >= n; });
  }
  int count() {
    std::lock_guard lock(mutex_);
    return count_;
  }

 private:
  const int busy_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;
};

// The poll is far longer than any test: every pass after the first is a wake or found work.
constexpr auto kNeverPolls = 24h;

TEST(BackgroundLoopTest, RunsAgainAtOnceAfterAPassThatFoundWork) {
  Passes passes(3);
  BackgroundLoop loop([&] { return passes.Run(); }, kNeverPolls);
  loop.Start();
  EXPECT_TRUE(passes.WaitFor(4));  // three busy passes, then one that found nothing
  loop.Stop();
  EXPECT_EQ(passes.count(), 4);
}

TEST(BackgroundLoopTest, AWakeRunsAPass) {
  Passes passes(0);
  BackgroundLoop loop([&] { return passes.Run(); }, kNeverPolls);
  loop.Start();
  ASSERT_TRUE(passes.WaitFor(1));
  loop.Wake();
  EXPECT_TRUE(passes.WaitFor(2));
  loop.Stop();
  loop.Stop();  // idempotent
}

}  // namespace
}  // namespace runtime
