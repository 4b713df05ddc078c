// A fixed set of threads that run the iterations of one loop at a time, for the outbox's
// deliveries: `ForEach(n, f)` calls f(0) ... f(n - 1), at most `threads` of them at once (the
// calling thread is one of them), and returns when every call has returned.
//
// Thread-safety: ForEach may be called from one thread at a time. `f` must be safe to call from
// several threads at once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace runtime {

class ParallelRunner {
 public:
  // threads >= 1; threads - 1 helpers are started now.
  explicit ParallelRunner(int threads);
  ~ParallelRunner();  // joins the helpers
  ParallelRunner(const ParallelRunner&) = delete;
  ParallelRunner& operator=(const ParallelRunner&) = delete;

  void ForEach(std::size_t n, const std::function<void(std::size_t)>& f);

 private:
  void Help();
  // Runs iterations of the current loop until none is left; holding `lock` on entry and exit.
  void Drain(std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::condition_variable work_;                            // a loop started, or stopping
  std::condition_variable idle_;                            // an iteration finished
  const std::function<void(std::size_t)>* loop_ = nullptr;  // guarded by mutex_
  std::size_t next_ = 0;                                    // guarded by mutex_
  std::size_t size_ = 0;                                    // guarded by mutex_
  std::size_t running_ = 0;                                 // guarded by mutex_
  bool stopping_ = false;                                   // guarded by mutex_
  std::vector<std::thread> helpers_;
};

}  // namespace runtime
