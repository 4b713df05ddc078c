// Test support: the payloads of tests/data (copied from shared/reference/meta-messaging.md).
#pragma once

#include <gtest/gtest.h>

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

}  // namespace testing_support
