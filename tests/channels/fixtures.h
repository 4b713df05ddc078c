// Test support: the payloads of tests/data (copied from shared/reference/meta-messaging.md).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "channels/inbound_event.h"
#include "channels/webhook.h"
#include "core/enums.h"

namespace channels::testing {

inline std::filesystem::path DataDir() {
  return std::filesystem::path(FRONTDESK_SOURCE_DIR) / "tests" / "data";
}

// The bytes of tests/data/<relative>, exactly; fails the test when the file cannot be read.
inline std::string ReadFixture(std::string_view relative) {
  std::ifstream in(DataDir() / relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read tests/data/" << relative;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// ParseWebhook of a fixture; fails the test (and returns no event) when it does not parse.
inline std::vector<InboundEvent> ParseFixture(core::Channel channel, std::string_view relative) {
  auto events = ParseWebhook(channel, ReadFixture(relative));
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
