// The background of `frontdesk serve`: one thread takes the queued callbacks in (Intake), one
// fires the durable timers (resumes), one sends the outbox. Each runs a pass whenever it is woken,
// again at once after a pass that found work (more may have come due: the next message of a
// conversation once the one before is sent), and at least every `poll`, so timers and retries
// come due without anyone waking them. The timers' thread never waits on a brain
// (base::NoSlowCalls); the intake's consults only brains that answer at once (Intake). Replies
// are answered by runtime::ReplyPool.
//
// Metrics (on the registry given):
//   intake_callbacks_total{result}   finished | retried | parked | rejected
//   intake_events_total              events handed to the engine or applied
//   timers_fired_total               durable timers turned into events
//   outbox_sends_total{result}       sent | retried | failed | dropped
//   pump_errors_total{loop}          passes that failed (the store); logged too
//   intake_delay_seconds             histogram: a callback stored -> its events handled
//   outbox_delay_seconds             histogram: a message queued -> accepted by the provider
// Their sum is the server's part of inbound -> reply.
//
// The log gets a line for each failed pass, each callback the intake kept in the queue and each
// message that failed for good ("outbox: message 7 of conversation 3 failed: HTTP 500"; the
// error is the one stored on the message, free of tokens).
//
// Thread-safety: Wake* may be called from any thread; Start and Stop from one owner.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "base/metrics.h"
#include "runtime/background_loop.h"
#include "runtime/engine.h"
#include "runtime/intake.h"
#include "runtime/outbox_sender.h"

namespace runtime {

struct PumpSettings {
  base::Duration poll = std::chrono::milliseconds{200};
};

class Pump {
 public:
  using Log = std::function<void(std::string_view)>;
  // Borrowed references must outlive the pump.
  Pump(Intake& intake, Engine& engine, OutboxSender& sender, PumpSettings settings, Log log,
       base::Metrics& metrics);
  ~Pump();  // Stop()

  // Called with the deliveries each pass moved (sends, and status callbacks), on that loop's
  // thread (live views). Set before Start; it must be thread-safe and not call back into the
  // pump.
  using DeliveryObserver = std::function<void(const std::vector<core::DeliveryChange>&)>;
  void SetDeliveryObserver(DeliveryObserver observer) { delivery_observer_ = std::move(observer); }

  void Start();
  // A delivery reached the inbox.
  void WakeIntake();
  // A message was queued in the outbox.
  void WakeSender();
  // Finishes the passes running, then joins the threads. Idempotent.
  void Stop();

 private:
  bool IntakePass();
  bool TimerPass();
  bool SendPass();
  struct Counters;

  Intake& intake_;
  Engine& engine_;
  OutboxSender& sender_;
  Log log_;
  std::unique_ptr<Counters> counters_;
  DeliveryObserver delivery_observer_;
  BackgroundLoop intake_loop_;
  BackgroundLoop timers_;
  BackgroundLoop outbox_;
};

}  // namespace runtime
