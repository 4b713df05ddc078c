#include "brain/llm/circuit.h"

namespace brain::llm {

std::string_view ToString(CircuitState state) {
  switch (state) {
    case CircuitState::kClosed:
      return "closed";
    case CircuitState::kOpen:
      return "open";
    case CircuitState::kHalfOpen:
      return "half_open";
  }
  return "closed";
}

bool Circuit::Allow(base::TimePoint now) {
  std::lock_guard lock(mutex_);
  if (!open_until_) return true;
  if (now < *open_until_ || probing_) return false;
  probing_ = true;
  return true;
}

void Circuit::Succeeded() {
  std::lock_guard lock(mutex_);
  failures_ = 0;
  open_until_.reset();
  probing_ = false;
}

void Circuit::Failed(FailureKind kind, base::TimePoint now) {
  std::lock_guard lock(mutex_);
  probing_ = false;
  if (NeedsTheOwner(kind)) {
    open_until_ = now + settings_.open_for_owner;
    return;
  }
  ++failures_;
  if (open_until_ || failures_ >= settings_.failures_to_open)
    open_until_ = now + settings_.open_for;
}

void Circuit::Ended() {
  std::lock_guard lock(mutex_);
  probing_ = false;
}

CircuitState Circuit::State(base::TimePoint now) const {
  std::lock_guard lock(mutex_);
  if (!open_until_) return CircuitState::kClosed;
  return now < *open_until_ ? CircuitState::kOpen : CircuitState::kHalfOpen;
}

}  // namespace brain::llm
