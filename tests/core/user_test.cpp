// Email addresses of users: normalized, then checked for the usual shape.
#include "core/user.h"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(UserTest, EmailsAreTrimmedAndLowerCased) {
  EXPECT_EQ(NormalizeEmail("  Ana.Rivera@Shop.Example \n"), "ana.rivera@shop.example");
  EXPECT_EQ(NormalizeEmail("ana@shop.example"), "ana@shop.example");
}

TEST(UserTest, OnlyAddressesOfTheUsualShapeAreValid) {
  for (const char* good : {"ana@shop.example", "a.b+crm@mail.shop.example", "x@y.co"}) {
    EXPECT_TRUE(IsValidEmail(good)) << good;
  }
  for (const char* bad :
       {"", "ana", "@shop.example", "ana@", "ana@shop", "ana@@shop.example", "ana@shop..example",
        "ana@.example", "ana@shop.example.", "ana rivera@shop.example", "ana@shop.example\n"}) {
    EXPECT_FALSE(IsValidEmail(bad)) << bad;
  }
  EXPECT_FALSE(IsValidEmail(std::string(250, 'a') + "@x.example"));
}

}  // namespace
}  // namespace core
