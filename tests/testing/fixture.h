// Test support: the payloads of tests/data (copied from shared/reference/meta-messaging.md).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace testing_support {

inline std::filesystem::path DataDir() {
  return std::filesystem::path(FRONTDESK_SOURCE_DIR) / "tests" / "data";
}

// The bytes of tests/data/<relative>, exactly; fails the test when the file cannot be read.
inline std::string ReadFixture(std::string_view relative) {
  std::ifstream in(DataDir() / relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read tests/data/" << relative;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The WhatsApp text fixture (whatsapp/in_text.json: phone number id 106540352242922, customer
// 16505551234) with the message id `wamid` and `text`, sent now: a message from the fixture's date
// would be outside the 24-hour window.
inline std::string WhatsappTextNow(const std::string& wamid, const std::string& text) {
  std::string body = ReadFixture("whatsapp/in_text.json");
  const std::string old_id = "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
  body.replace(body.find(old_id), old_id.size(), wamid);
  const std::string old_time = "1767261600";
  body.replace(body.find(old_time), old_time.size(),
               std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count()));
  const auto start = body.find("\"body\": \"") + 9;
  body.replace(start, body.find('"', start) - start, text);
  return body;
}

}  // namespace testing_support
