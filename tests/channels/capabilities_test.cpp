#include "channels/capabilities.h"

#include <gtest/gtest.h>

#include <chrono>

namespace channels {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kLast = base::FromMillis(1'767'261'600'000);

TEST(CapabilitiesTest, ChannelFactsAreData) {
  EXPECT_EQ(CapabilitiesOf(core::Channel::kWhatsapp).service_window, base::Duration{24h});
  EXPECT_EQ(CapabilitiesOf(core::Channel::kWhatsapp).human_agent_window, std::nullopt);
  EXPECT_EQ(CapabilitiesOf(core::Channel::kMessenger).human_agent_window, base::Duration{168h});
  EXPECT_EQ(CapabilitiesOf(core::Channel::kInstagram).human_agent_window, base::Duration{168h});
  EXPECT_EQ(CapabilitiesOf(core::Channel::kWeb).service_window, std::nullopt);
  EXPECT_EQ(CapabilitiesOf(core::Channel::kWhatsapp).max_text_length, 4096u);
  EXPECT_EQ(CapabilitiesOf(core::Channel::kMessenger).max_text_length, 2000u);
  EXPECT_EQ(CapabilitiesOf(core::Channel::kInstagram).max_text_length, 1000u);
  EXPECT_TRUE(CapabilitiesOf(core::Channel::kInstagram).echo_needs_ledger_match);
  EXPECT_FALSE(CapabilitiesOf(core::Channel::kMessenger).echo_needs_ledger_match);
  EXPECT_FALSE(CapabilitiesOf(core::Channel::kInstagram).send_metadata_supported);
  for (core::Channel c : {core::Channel::kWhatsapp, core::Channel::kMessenger,
                          core::Channel::kInstagram, core::Channel::kWeb}) {
    EXPECT_EQ(CapabilitiesOf(c).channel, c);
  }
}

TEST(DecideSendTest, WindowsFollowTheReferenceTable) {
  using core::Author;
  using core::Channel;
  struct Case {
    Channel channel;
    Author author;
    base::Duration since_last;
    SendPermission expected;
  };
  const Case cases[] = {
      {Channel::kWhatsapp, Author::kAi, 23h, SendPermission::kSend},
      {Channel::kWhatsapp, Author::kAi, 24h - 1ms, SendPermission::kSend},
      {Channel::kWhatsapp, Author::kAi, 24h, SendPermission::kRefuseWindowClosed},
      {Channel::kWhatsapp, Author::kHumanCrm, 25h, SendPermission::kRefuseWindowClosed},
      {Channel::kMessenger, Author::kAi, 1h, SendPermission::kSend},
      {Channel::kMessenger, Author::kAi, 25h, SendPermission::kRefuseWindowClosed},
      {Channel::kMessenger, Author::kSystem, 25h, SendPermission::kRefuseWindowClosed},
      {Channel::kMessenger, Author::kHumanCrm, 25h, SendPermission::kSendWithHumanAgentTag},
      {Channel::kMessenger, Author::kHumanCrm, 168h - 1ms, SendPermission::kSendWithHumanAgentTag},
      {Channel::kMessenger, Author::kHumanCrm, 168h, SendPermission::kRefuseWindowClosed},
      {Channel::kInstagram, Author::kHumanCrm, 3h, SendPermission::kSend},
      {Channel::kInstagram, Author::kHumanCrm, 100h, SendPermission::kSendWithHumanAgentTag},
      {Channel::kInstagram, Author::kAi, 100h, SendPermission::kRefuseWindowClosed},
      {Channel::kWeb, Author::kAi, 1000h, SendPermission::kSend},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DecideSend(c.channel, c.author, kLast, kLast + c.since_last).permission, c.expected)
        << core::ToString(c.channel) << " " << core::ToString(c.author) << " "
        << base::FormatDuration(c.since_last);
  }
}

TEST(DecideSendTest, SaysWhenThePermissionLapses) {
  const auto open = DecideSend(core::Channel::kMessenger, core::Author::kHumanCrm, kLast, kLast);
  EXPECT_EQ(open.until, kLast + 24h);
  const auto tagged =
      DecideSend(core::Channel::kMessenger, core::Author::kHumanCrm, kLast, kLast + 30h);
  EXPECT_EQ(tagged.until, kLast + 168h);
  EXPECT_EQ(DecideSend(core::Channel::kWeb, core::Author::kAi, std::nullopt, kLast).until,
            std::nullopt);
}

TEST(DecideSendTest, CustomerWhoNeverWroteCannotBeMessaged) {
  EXPECT_EQ(DecideSend(core::Channel::kWhatsapp, core::Author::kAi, std::nullopt, kLast).permission,
            SendPermission::kRefuseWindowClosed);
  EXPECT_EQ(DecideSend(core::Channel::kMessenger, core::Author::kHumanCrm, std::nullopt, kLast)
                .permission,
            SendPermission::kRefuseWindowClosed);
}

TEST(DecideSendTest, OwnerMessagesDoNotMoveTheWindowOnlyTheCustomersDo) {
  // The window is a function of the customer's last message alone: the same inputs, the same
  // answer, whatever the business sent meanwhile (there is no parameter for it).
  const auto later = DecideSend(core::Channel::kWhatsapp, core::Author::kAi, kLast, kLast + 25h);
  EXPECT_EQ(later.permission, SendPermission::kRefuseWindowClosed);
  const auto after_new_message =
      DecideSend(core::Channel::kWhatsapp, core::Author::kAi, kLast + 24h, kLast + 25h);
  EXPECT_EQ(after_new_message.permission, SendPermission::kSend);
}

}  // namespace
}  // namespace channels
