// Test support: the payloads of tests/data parsed, for the channel parser tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "channels/callback.h"
#include "channels/inbound_event.h"
#include "core/enums.h"
#include "testing/fixture.h"

namespace channels::testing {

using testing_support::DataDir;
using testing_support::ReadFixture;

// ParseCallback of a fixture; fails the test (and returns no event) when it does not parse.
inline std::vector<InboundEvent> ParseFixture(core::Channel channel, std::string_view relative) {
  auto events = ParseCallback(channel, ReadFixture(relative));
  EXPECT_TRUE(events.ok()) << relative << ": " << (events.ok() ? "" : events.error().message);
  return events.ok() ? std::move(events).value() : std::vector<InboundEvent>{};
}

// The only event of a fixture; fails the test when there is not exactly one.
inline InboundEvent OnlyEvent(core::Channel channel, std::string_view relative) {
  auto events = ParseFixture(channel, relative);
  EXPECT_EQ(events.size(), 1u) << relative;
  return events.empty() ? InboundEvent{} : events.front();
}

// Seconds since the Unix epoch as a time point (WhatsApp's unit).
inline base::TimePoint Seconds(std::int64_t s) { return base::FromMillis(s * 1000); }

}  // namespace channels::testing
