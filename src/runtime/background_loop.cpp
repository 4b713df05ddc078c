#include "runtime/background_loop.h"

#include <utility>

namespace runtime {

BackgroundLoop::BackgroundLoop(std::function<bool()> pass, base::Duration poll)
    : pass_(std::move(pass)), poll_(poll) {}

BackgroundLoop::~BackgroundLoop() { Stop(); }

void BackgroundLoop::Start() {
  thread_ = std::thread([this] { Run(); });
}

void BackgroundLoop::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void BackgroundLoop::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    const bool found = pass_();
    lock.lock();
    if (found) continue;
    wake_.wait_for(lock, poll_, [this] { return woken_ || stopping_; });
  }
}

void BackgroundLoop::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

}  // namespace runtime
