// Receipts by watermark (Messenger): every message we sent a customer on an account up to a time
// moves at once, by the same rule as a receipt that names one message.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "store/store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;
using core::DeliveryStatus;

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);
constexpr const char* kPage = "109876543210987";
constexpr const char* kOtherPage = "109876543210988";
constexpr const char* kPsid = "7412589630147852";
constexpr const char* kOtherPsid = "7412589630147853";

struct Sent {
  std::int64_t conversation_id = 0;
  std::int64_t message_id = 0;
};

class WatermarkTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    for (auto [channel, page] : {std::pair{core::Channel::kMessenger, kPage},
                                 std::pair{core::Channel::kMessenger, kOtherPage},
                                 std::pair{core::Channel::kInstagram, kPage}}) {
      core::ChannelAccount a;
      a.workspace_id = ws_;
      a.channel = channel;
      a.account_id = page;
      ASSERT_TRUE(accounts_->SaveChannelAccount(a).ok());
    }
  }

  // Commits an AI reply to `customer` on `page`; sends it at `sent_at` with `mid` unless empty.
  Sent Reply(const std::string& page, const std::string& customer, const std::string& mid,
             base::TimePoint sent_at, core::Channel channel = core::Channel::kMessenger) {
    auto s = store_->OpenConversation({ws_, channel, customer, page}, 10);
    EXPECT_TRUE(s.ok());
    core::Decision d;
    d.conversation = s->conversation;
    d.messages.push_back({0, 0, core::Author::kAi, "reply", sent_at - 1s, 0});
    auto committed = store_->Commit(ws_, d);
    EXPECT_TRUE(committed.ok());
    const Sent sent{s->conversation.id, committed->messages[0].id};
    if (mid.empty()) return sent;
    auto items = outbox_->ClaimOutbox(sent_at, 10, sent_at + 30s);
    EXPECT_EQ(items->size(), 1u);
    EXPECT_TRUE(outbox_->MarkSent({{items->at(0).id, mid, sent_at}}).ok());
    return sent;
  }

  DeliveryStatus Delivery(const Sent& sent) {
    const auto loaded = store_->LoadConversation(ws_, sent.conversation_id, 50);
    EXPECT_TRUE(loaded.ok());
    for (const core::Message& m : loaded->history) {
      if (m.id == sent.message_id) return m.delivery;
    }
    ADD_FAILURE() << "message " << sent.message_id << " not found";
    return DeliveryStatus::kNone;
  }

  // How many messages moved.
  base::Result<std::size_t> UpTo(base::TimePoint watermark, DeliveryStatus status) {
    auto moved =
        outbox_->UpdateDeliveryUpTo(core::Channel::kMessenger, kPage, kPsid, watermark, status);
    if (!moved.ok()) return moved.error();
    return moved->size();
  }
};

TEST_P(WatermarkTest, MovesOnlyThatCustomersSendsOnThatAccountUpToTheWatermark) {
  const Sent first = Reply(kPage, kPsid, "m_1", kT0);
  const Sent at_watermark = Reply(kPage, kPsid, "m_2", kT0 + 10s);
  const Sent after = Reply(kPage, kPsid, "m_3", kT0 + 10s + 1ms);
  const Sent other_customer = Reply(kPage, kOtherPsid, "m_4", kT0);
  const Sent other_page = Reply(kOtherPage, kPsid, "m_5", kT0);
  const Sent other_channel = Reply(kPage, kPsid, "m_6", kT0, core::Channel::kInstagram);

  auto moved = UpTo(kT0 + 10s, DeliveryStatus::kRead);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(*moved, 2u);
  EXPECT_EQ(Delivery(first), DeliveryStatus::kRead);
  EXPECT_EQ(Delivery(at_watermark), DeliveryStatus::kRead);
  EXPECT_EQ(Delivery(after), DeliveryStatus::kSent);
  EXPECT_EQ(Delivery(other_customer), DeliveryStatus::kSent);
  EXPECT_EQ(Delivery(other_page), DeliveryStatus::kSent);
  EXPECT_EQ(Delivery(other_channel), DeliveryStatus::kSent);
}

TEST_P(WatermarkTest, NeverMovesBackAndLeavesFailedAndUnsentMessagesAlone) {
  const Sent first = Reply(kPage, kPsid, "m_1", kT0);
  const Sent second = Reply(kPage, kPsid, "m_2", kT0 + 1s);
  const Sent failed = Reply(kPage, kPsid, "m_3", kT0 + 2s);
  ASSERT_TRUE(*outbox_->UpdateDelivery(core::Channel::kMessenger, "m_3", DeliveryStatus::kFailed,
                                       "551 This person isn't available right now."));
  const Sent queued = Reply(kPage, kPsid, "", kT0 + 3s);  // not sent yet

  EXPECT_EQ(*UpTo(kT0 + 5s, DeliveryStatus::kDelivered), 2u);
  EXPECT_EQ(Delivery(first), DeliveryStatus::kDelivered);
  EXPECT_EQ(*UpTo(kT0, DeliveryStatus::kRead), 1u);
  EXPECT_EQ(Delivery(first), DeliveryStatus::kRead);
  EXPECT_EQ(Delivery(second), DeliveryStatus::kDelivered);
  // A late delivery watermark does not undo the read; delivered again changes nothing.
  EXPECT_EQ(*UpTo(kT0 + 5s, DeliveryStatus::kDelivered), 0u);
  EXPECT_EQ(Delivery(first), DeliveryStatus::kRead);
  EXPECT_EQ(Delivery(failed), DeliveryStatus::kFailed);
  EXPECT_EQ(Delivery(queued), DeliveryStatus::kQueued);
  // Watermarks only report delivered and read.
  EXPECT_EQ(*UpTo(kT0 + 5s, DeliveryStatus::kFailed), 0u);
  EXPECT_EQ(Delivery(second), DeliveryStatus::kDelivered);
}

TEST_P(WatermarkTest, AnUnknownCustomerOrAccountMovesNothing) {
  const Sent sent = Reply(kPage, kPsid, "m_1", kT0);
  EXPECT_TRUE(outbox_
                  ->UpdateDeliveryUpTo(core::Channel::kMessenger, kPage, "0000", kT0 + 1h,
                                       DeliveryStatus::kRead)
                  ->empty());
  EXPECT_TRUE(outbox_
                  ->UpdateDeliveryUpTo(core::Channel::kMessenger, "0000", kPsid, kT0 + 1h,
                                       DeliveryStatus::kRead)
                  ->empty());
  EXPECT_EQ(Delivery(sent), DeliveryStatus::kSent);
}

FRONTDESK_ON_BOTH_BACKENDS(WatermarkTest);

}  // namespace
}  // namespace store
