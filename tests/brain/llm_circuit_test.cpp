// The circuit breaker of an endpoint, on the fake clock.
#include <gtest/gtest.h>

#include "brain/llm/circuit.h"

namespace brain::llm {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kT0 = base::FromMillis(1'800'000'000'000);

TEST(CircuitTest, FailuresInARowOpenItThenOneProbeClosesIt) {
  Circuit circuit({.failures_to_open = 3, .open_for = 30s});
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(circuit.Allow(kT0));
    circuit.Failed(FailureKind::kTimeout, kT0);
  }
  EXPECT_EQ(circuit.State(kT0), CircuitState::kClosed);
  circuit.Failed(FailureKind::kBusy, kT0);
  EXPECT_EQ(circuit.State(kT0), CircuitState::kOpen);
  EXPECT_FALSE(circuit.Allow(kT0 + 29s));
  EXPECT_EQ(circuit.State(kT0 + 30s), CircuitState::kHalfOpen);
  EXPECT_TRUE(circuit.Allow(kT0 + 30s));   // the probe
  EXPECT_FALSE(circuit.Allow(kT0 + 30s));  // only one
  circuit.Succeeded();
  EXPECT_EQ(circuit.State(kT0 + 31s), CircuitState::kClosed);
  EXPECT_TRUE(circuit.Allow(kT0 + 31s));
}

TEST(CircuitTest, AFailedProbeOpensItAgain) {
  Circuit circuit({.failures_to_open = 1, .open_for = 30s});
  circuit.Failed(FailureKind::kServerError, kT0);
  ASSERT_TRUE(circuit.Allow(kT0 + 30s));
  circuit.Failed(FailureKind::kServerError, kT0 + 30s);
  EXPECT_FALSE(circuit.Allow(kT0 + 59s));
  EXPECT_TRUE(circuit.Allow(kT0 + 60s));
}

TEST(CircuitTest, WhatOnlyTheOwnerCanFixOpensItAtOnceForLong) {
  for (FailureKind kind : {FailureKind::kBadKey, FailureKind::kQuota, FailureKind::kUnknownModel}) {
    Circuit circuit({.failures_to_open = 5, .open_for = 30s, .open_for_owner = 10min});
    circuit.Failed(kind, kT0);
    EXPECT_EQ(circuit.State(kT0 + 9min), CircuitState::kOpen) << ToString(kind);
    EXPECT_TRUE(circuit.Allow(kT0 + 10min)) << ToString(kind);
  }
}

TEST(CircuitTest, ASuccessResetsTheCount) {
  Circuit circuit({.failures_to_open = 2});
  circuit.Failed(FailureKind::kTimeout, kT0);
  circuit.Succeeded();
  circuit.Failed(FailureKind::kTimeout, kT0);
  EXPECT_EQ(circuit.State(kT0), CircuitState::kClosed);
}

}  // namespace
}  // namespace brain::llm
