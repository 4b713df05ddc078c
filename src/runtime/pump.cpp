#include "runtime/pump.h"

#include <string>

namespace runtime {

Pump::Pump(Intake& intake, Engine& engine, OutboxSender& sender, PumpSettings settings, Log log)
    : intake_(intake),
      engine_(engine),
      sender_(sender),
      settings_(settings),
      log_(std::move(log)) {}

Pump::~Pump() { Stop(); }

void Pump::Start() {
  decider_.thread = std::thread([this] {
    Run(decider_, [this] {
      auto run = intake_.ProcessPending();
      if (!run.ok()) log_("intake: " + run.error().message);
      auto fired = engine_.FireDueTimers();
      if (!fired.ok()) log_("timers: " + fired.error().message);
    });
  });
  outbox_.thread = std::thread([this] {
    Run(outbox_, [this] {
      auto run = sender_.RunOnce();
      if (!run.ok()) log_("outbox: " + run.error().message);
    });
  });
}

void Pump::WakeDecider() { Signal(decider_); }
void Pump::WakeSender() { Signal(outbox_); }

void Pump::Signal(Loop& loop) {
  {
    std::lock_guard lock(loop.mutex);
    loop.woken = true;
  }
  loop.wake.notify_one();
}

void Pump::Run(Loop& loop, const std::function<void()>& pass) {
  std::unique_lock lock(loop.mutex);
  while (!stopping_) {
    loop.woken = false;
    lock.unlock();
    pass();
    lock.lock();
    loop.wake.wait_for(lock, settings_.poll, [&] { return loop.woken || stopping_; });
  }
}

void Pump::Stop() {
  std::lock_guard stop(stop_mutex_);
  {
    std::scoped_lock all(decider_.mutex, outbox_.mutex);
    if (stopping_) return;
    stopping_ = true;
  }
  decider_.wake.notify_one();
  outbox_.wake.notify_one();
  if (decider_.thread.joinable()) decider_.thread.join();
  if (outbox_.thread.joinable()) outbox_.thread.join();
}

}  // namespace runtime
