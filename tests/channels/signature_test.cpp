#include "channels/signature.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace channels {
namespace {

using testing::ReadFixture;

constexpr const char* kSecret = "fixture_app_secret_0123456789abcdef";
constexpr const char* kVectorA =
    "sha256=0d9daacffc2d4aafc7ee7842c68762bd6009ce9085f6fcf923315db7913d71dc";
constexpr const char* kVectorB =
    "sha256=355bc15b9e2cf8b94e096b7bfa6ffeaf28034c7789232a709fc1729bc7eef0f3";
constexpr const char* kVectorBUtf8 =
    "sha256=04a342c0d1a54b67abc82df8a57dfbb20b0a2a0ef4f989952350a17dd3b0be2d";

TEST(SignatureTest, ReferenceVectorsAreSignedAsMetaSignsThem) {
  const std::string a = ReadFixture("signature/vector_a.json");
  const std::string b = ReadFixture("signature/vector_b.json");
  ASSERT_EQ(a.size(), 496u);
  ASSERT_EQ(b.size(), 286u);
  EXPECT_EQ(Sign(a, kSecret), kVectorA);
  EXPECT_EQ(Sign(b, kSecret), kVectorB);
  EXPECT_TRUE(VerifySignature(a, kVectorA, kSecret));
  EXPECT_TRUE(VerifySignature(b, kVectorB, kSecret));
}

TEST(SignatureTest, DecodedAndReencodedBodyNoLongerMatches) {
  const std::string decoded = ReadFixture("signature/vector_b_utf8_negative.json");
  EXPECT_EQ(Sign(decoded, kSecret), kVectorBUtf8);
  EXPECT_FALSE(VerifySignature(decoded, kVectorB, kSecret));
}

TEST(SignatureTest, AnyChangeToBodyOrSecretFails) {
  const std::string a = ReadFixture("signature/vector_a.json");
  EXPECT_FALSE(VerifySignature(a + "\n", kVectorA, kSecret));
  EXPECT_FALSE(VerifySignature(a, kVectorA, "fixture_app_secret_0123456789abcdeF"));
  EXPECT_FALSE(VerifySignature(a, kVectorB, kSecret));
}

TEST(SignatureTest, MissingOrMalformedHeadersFail) {
  const std::string a = ReadFixture("signature/vector_a.json");
  const std::string hex(kVectorA + 7);
  for (const std::string& header :
       {std::string(), std::string("sha256="), hex, "sha1=" + hex, "SHA256=" + hex,
        "sha256=" + hex.substr(1), "sha256=" + hex + "0", "sha256=" + hex.substr(1) + "g",
        "sha256= " + hex}) {
    EXPECT_FALSE(VerifySignature(a, header, kSecret)) << header;
  }
}

TEST(SignatureTest, SurroundingSpacesAndUppercaseHexAreTolerated) {
  const std::string a = ReadFixture("signature/vector_a.json");
  std::string upper = std::string(kVectorA);
  for (std::size_t i = 7; i < upper.size(); ++i)
    upper[i] = static_cast<char>(std::toupper(upper[i]));
  EXPECT_TRUE(VerifySignature(a, std::string(" ") + kVectorA + "\t", kSecret));
  EXPECT_TRUE(VerifySignature(a, upper, kSecret));
}

TEST(SignatureTest, EmptySecretNeverVerifies) {
  const std::string body = "{}";
  EXPECT_FALSE(VerifySignature(body, Sign(body, ""), ""));
}

TEST(SignatureTest, EmptyBodyCanBeSignedAndVerified) {
  EXPECT_TRUE(VerifySignature("", Sign("", kSecret), kSecret));
}

}  // namespace
}  // namespace channels
