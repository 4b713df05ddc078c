// Passwords: the rules of a new one, Argon2id hashes, verification.
#include "api/password.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace api {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(PasswordTest, AHashIsArgon2idAndVerifiesOnlyItsPassword) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok()) << hash.error().message;
  EXPECT_THAT(*hash, StartsWith("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery "));
  EXPECT_FALSE(VerifyPassword(*hash, "Correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordTest, TheSamePasswordHashesDifferentlyEachTime) {
  auto first = HashPassword("correct horse battery");
  auto second = HashPassword("correct horse battery");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);  // a fresh salt
  EXPECT_TRUE(VerifyPassword(*second, "correct horse battery"));
}

TEST(PasswordTest, ANewPasswordMustMeetTheRules) {
  EXPECT_THAT(HashPassword("short").error().message, HasSubstr("at least 10 characters"));
  EXPECT_THAT(HashPassword(std::string(kMaxPasswordLength + 1, 'x')).error().message,
              HasSubstr("at most 1024"));
  EXPECT_THAT(HashPassword("            ").error().message, HasSubstr("only spaces"));
  EXPECT_EQ(HashPassword("short").error().code, base::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(CheckNewPassword("ten chars!").ok());
}

TEST(PasswordTest, AMalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$garbage", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword("correct horse battery", "correct horse battery"));
}

}  // namespace
}  // namespace api
