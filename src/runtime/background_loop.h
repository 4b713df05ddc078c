// A thread that runs a pass whenever it is woken, again at once after a pass that found work, and
// at least every `poll` (so what comes due with time — timers, retries — is picked up without
// anyone waking it).
//
// Thread-safety: Wake may be called from any thread; Start and Stop from one owner.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "base/time.h"

namespace runtime {

class BackgroundLoop {
 public:
  // `pass` returns whether it found work; it runs on the loop's thread only.
  BackgroundLoop(std::function<bool()> pass, base::Duration poll);
  ~BackgroundLoop();  // Stop()
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  // Starts the thread. Call once.
  void Start();
  // Runs a pass soon (at once when idle; right after the running one otherwise).
  void Wake();
  // Lets the running pass finish, then joins the thread. Idempotent.
  void Stop();

 private:
  void Run();

  const std::function<bool()> pass_;
  const base::Duration poll_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;     // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace runtime
