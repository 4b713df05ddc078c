#include "runtime/parallel_runner.h"

namespace runtime {

ParallelRunner::ParallelRunner(int threads) {
  for (int i = 1; i < threads; ++i) helpers_.emplace_back([this] { Help(); });
}

ParallelRunner::~ParallelRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& t : helpers_) t.join();
}

void ParallelRunner::ForEach(std::size_t n, const std::function<void(std::size_t)>& f) {
  std::unique_lock lock(mutex_);
  loop_ = &f;
  next_ = 0;
  size_ = n;
  if (n > 1) work_.notify_all();
  Drain(lock);
  idle_.wait(lock, [this] { return running_ == 0; });
  loop_ = nullptr;
}

void ParallelRunner::Drain(std::unique_lock<std::mutex>& lock) {
  while (loop_ != nullptr && next_ < size_) {
    const std::size_t i = next_++;
    const auto* f = loop_;
    ++running_;
    lock.unlock();
    (*f)(i);
    lock.lock();
    if (--running_ == 0) idle_.notify_all();
  }
}

void ParallelRunner::Help() {
  std::unique_lock lock(mutex_);
  while (true) {
    work_.wait(lock, [this] { return stopping_ || (loop_ != nullptr && next_ < size_); });
    if (stopping_) return;
    Drain(lock);
  }
}

}  // namespace runtime
