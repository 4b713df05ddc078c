#include "core/contact.h"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(ContactTest, AWebVisitorIsNamedByTheStartOfItsIdOthersByTheirChannelId) {
  EXPECT_EQ(InitialContactName(Channel::kWeb, "3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3"),
            "Web visitor 3f2a");
  EXPECT_EQ(InitialContactName(Channel::kWhatsapp, "+34600111222"), "+34600111222");
  EXPECT_EQ(InitialContactName(Channel::kMessenger, "7412589630147852"), "7412589630147852");
  EXPECT_EQ(InitialContactName(Channel::kInstagram, "1284567890123456"), "1284567890123456");
}

}  // namespace
}  // namespace core
