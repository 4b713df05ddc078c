#include "runtime/pump.h"

#include <string>
#include <vector>

#include "base/slow_call_guard.h"

namespace runtime {

namespace {

// Seconds: from a millisecond to a minute.
const std::vector<double> kDelayBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                           0.25,  0.5,    1,     2.5,  5,     15,   60};

void ObserveAll(base::Histogram& h, const std::vector<base::Duration>& delays) {
  for (base::Duration d : delays) h.Observe(std::chrono::duration<double>(d).count());
}

}  // namespace

struct Pump::Counters {
  explicit Counters(base::Metrics& m)
      : callbacks(m.AddCounterFamily("intake_callbacks_total",
                                     "Callbacks taken from the callback queue, by result.",
                                     {"result"})),
        events(m.AddCounter("intake_events_total", "Events handed to the engine or applied.")),
        timers(m.AddCounter("timers_fired_total", "Durable timers turned into events.")),
        sends(
            m.AddCounterFamily("outbox_sends_total", "Outbox deliveries, by result.", {"result"})),
        errors(m.AddCounterFamily("pump_errors_total", "Background passes that failed.", {"loop"})),
        intake_delay(m.AddHistogram(
            "intake_delay_seconds",
            "From a callback stored to its events handled (the reply decided).", kDelayBuckets)),
        outbox_delay(m.AddHistogram("outbox_delay_seconds",
                                    "From a message queued to the provider accepting it.",
                                    kDelayBuckets)) {}
  base::CounterFamily& callbacks;
  base::Counter& events;
  base::Counter& timers;
  base::CounterFamily& sends;
  base::CounterFamily& errors;
  base::Histogram& intake_delay;
  base::Histogram& outbox_delay;
};

Pump::Pump(Intake& intake, Engine& engine, OutboxSender& sender, PumpSettings settings, Log log,
           base::Metrics& metrics)
    : intake_(intake),
      engine_(engine),
      sender_(sender),
      log_(std::move(log)),
      counters_(std::make_unique<Counters>(metrics)),
      intake_loop_([this] { return IntakePass(); }, settings.poll),
      timers_([this] { return TimerPass(); }, settings.poll),
      outbox_([this] { return SendPass(); }, settings.poll) {}

bool Pump::IntakePass() {
  Counters& c = *counters_;
  auto run = intake_.ProcessPending();
  if (!run.ok()) {
    c.errors.WithLabels({"intake"}).Increment();
    log_("intake: " + run.error().message);
    return false;
  }
  c.callbacks.WithLabels({"finished"}).Increment(run->callbacks);
  c.callbacks.WithLabels({"retried"}).Increment(run->retried);
  c.callbacks.WithLabels({"parked"}).Increment(run->parked);
  c.callbacks.WithLabels({"rejected"}).Increment(run->rejected);
  c.events.Increment(run->events);
  ObserveAll(c.intake_delay, run->delays);
  for (const std::string& note : run->notes) log_("intake: " + note);
  if (delivery_observer_ && !run->changes.empty()) delivery_observer_(run->changes);
  return run->callbacks + run->retried + run->parked + run->rejected > 0;
}

bool Pump::TimerPass() {
  // Pauses end on time only if this thread never waits on a brain.
  const base::NoSlowCalls timers("the thread that fires timers");
  Counters& c = *counters_;
  auto fired = engine_.FireDueTimers();
  if (!fired.ok()) {
    c.errors.WithLabels({"timers"}).Increment();
    log_("timers: " + fired.error().message);
    return false;
  }
  c.timers.Increment(fired->size());
  return !fired->empty();
}

bool Pump::SendPass() {
  Counters& c = *counters_;
  auto run = sender_.RunOnce();
  if (run.ok()) {
    c.sends.WithLabels({"sent"}).Increment(run->sent);
    c.sends.WithLabels({"retried"}).Increment(run->retried);
    c.sends.WithLabels({"failed"}).Increment(run->failed);
    c.sends.WithLabels({"dropped"}).Increment(run->dropped);
    ObserveAll(c.outbox_delay, run->delays);
    for (const core::DeliveryChange& change : run->changes) {
      if (change.delivery != core::DeliveryStatus::kFailed) continue;
      log_("outbox: message " + std::to_string(change.message_id) + " of conversation " +
           std::to_string(change.conversation_id) + " failed: " + change.error);
    }
    if (delivery_observer_ && !run->changes.empty()) delivery_observer_(run->changes);
    return run->sent + run->retried + run->failed + run->dropped > 0;
  }
  c.errors.WithLabels({"outbox"}).Increment();
  log_("outbox: " + run.error().message);
  return false;
}

Pump::~Pump() { Stop(); }

void Pump::Start() {
  intake_loop_.Start();
  timers_.Start();
  outbox_.Start();
}

void Pump::WakeIntake() { intake_loop_.Wake(); }
void Pump::WakeSender() { outbox_.Wake(); }

void Pump::Stop() {
  intake_loop_.Stop();
  timers_.Stop();
  outbox_.Stop();
}

}  // namespace runtime
