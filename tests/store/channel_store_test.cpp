// The channel side of the store: provider-id deduplication, and the outbox with delivery states.
// Accounts are in channel_account_store_test.cpp, the callback queue in callback_queue_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <set>

#include "store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);

class ChannelStoreTest : public StoreTest {
 protected:
  core::ConversationSnapshot Open(std::string customer = "16505551234") {
    auto s = store_->OpenConversation(
        {ws_, core::Channel::kWhatsapp, std::move(customer), "106540352242922"}, 20);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return *s;
  }

  // Commits a customer message and an AI reply; returns the stored decision.
  core::Decision CustomerAndReply(const core::ConversationSnapshot& s, std::string provider_id) {
    core::Decision d;
    d.conversation = s.conversation;
    d.messages.push_back({0, 0, core::Author::kCustomer, "hi", kT0, 0, std::move(provider_id)});
    d.messages.push_back({0, 0, core::Author::kAi, "hello!", kT0 + 1s, 0});
    auto committed = store_->Commit(ws_, d);
    EXPECT_TRUE(committed.ok()) << committed.error().message;
    return committed.ok() ? *committed : d;
  }
};

TEST_P(ChannelStoreTest, ADuplicateProviderIdWritesNothing) {
  const core::ConversationSnapshot s = Open();
  CustomerAndReply(s, "wamid.1");
  const core::ConversationSnapshot again = Open();
  core::Decision d;
  d.conversation = again.conversation;
  d.messages.push_back({0, 0, core::Author::kCustomer, "hi", kT0, 0, "wamid.1"});
  auto duplicate = store_->Commit(ws_, d);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, base::ErrorCode::kAlreadyExists);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM messages"), 2);
  EXPECT_EQ(Open().conversation.version, again.conversation.version);
}

TEST_P(ChannelStoreTest, InOneTransactionAFailedCommitUndoesOnlyItself) {
  ASSERT_TRUE(store_
                  ->Atomically([&] {
                    CustomerAndReply(Open(), "wamid.a");
                    core::Decision d;
                    d.conversation = Open().conversation;
                    d.messages.push_back({0, 0, core::Author::kCustomer, "hi", kT0, 0, "wamid.a"});
                    EXPECT_EQ(store_->Commit(ws_, d).error().code, base::ErrorCode::kAlreadyExists);
                    CustomerAndReply(Open(), "wamid.b");
                    return base::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM messages"), 4);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM outbox"), 2);
}

TEST_P(ChannelStoreTest, ATransactionWhoseWorkFailsKeepsNothing) {
  const auto done = store_->Atomically([&] {
    CustomerAndReply(Open(), "wamid.c");
    EXPECT_TRUE(store_->PutValue(ws_, "clock", "10:00").ok());
    return base::Status(base::Error::Internal("the caller changed its mind"));
  });
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().message, "the caller changed its mind");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM messages"), 0);
  EXPECT_FALSE(store_->GetValue(ws_, "clock")->has_value());
}

TEST_P(ChannelStoreTest, OtherThreadsSeeATransactionOnlyOnceItCommitted) {
  std::int64_t seen_inside = -1;
  ASSERT_TRUE(store_
                  ->Atomically([&] {
                    CustomerAndReply(Open(), "wamid.d");
                    // A second connection reads the committed state only.
                    seen_inside = QueryInt("SELECT COUNT(*) FROM messages");
                    return base::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(seen_inside, 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM messages"), 2);
}

TEST_P(ChannelStoreTest, RepliesOnMetaChannelsAreQueuedInTheSameCommit) {
  const core::ConversationSnapshot s = Open();
  const core::Decision d = CustomerAndReply(s, "wamid.2");
  EXPECT_EQ(d.messages[1].delivery, core::DeliveryStatus::kQueued);
  EXPECT_EQ(d.messages[0].delivery, core::DeliveryStatus::kNone);
  auto items = outbox_->ClaimOutbox(kT0 + 1s, 10, kT0 + 31s);
  ASSERT_EQ(items->size(), 1u);
  const core::OutboxItem& item = (*items)[0];
  EXPECT_EQ(item.text, "hello!");
  EXPECT_EQ(item.recipient, "16505551234");
  EXPECT_EQ(item.account_id, "106540352242922");
  EXPECT_EQ(item.author, core::Author::kAi);
  EXPECT_EQ(item.last_customer_at, kT0);
  // Leased: not claimed again until the lease ends.
  EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 2s, 10, kT0 + 32s)->empty());
  EXPECT_TRUE(*outbox_->HasSendInFlight(core::Channel::kWhatsapp, "106540352242922", "16505551234",
                                        kT0 + 2s));
  EXPECT_EQ(outbox_->ClaimOutbox(kT0 + 31s, 10, kT0 + 61s)->size(), 1u);
  Reopen();  // a restart (on PostgreSQL, under a name of its own)
  EXPECT_EQ(outbox_->RecoverOutbox().value(), 0);
  if (backend_ == TestBackend::kSqlite) {
    // One instance serves the file: a restart gives the leases back at once.
    EXPECT_EQ(outbox_->ClaimOutbox(kT0 + 32s, 10, kT0 + 62s)->size(), 1u);
  } else {
    // Several share the database: another instance's lease is never freed, only ended
    // (OutboxClaimTest: a restart under the same name takes it back).
    EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 32s, 10, kT0 + 62s)->empty());
    EXPECT_EQ(outbox_->ClaimOutbox(kT0 + 61s, 10, kT0 + 91s)->size(), 1u);
  }
}

TEST_P(ChannelStoreTest, AMessageBeingSentWhenTheServerStoppedIsNeverSentAgain) {
  CustomerAndReply(Open(), "wamid.5");
  auto items = outbox_->ClaimOutbox(kT0 + 1s, 10, kT0 + 31s);
  ASSERT_TRUE(outbox_->MarkSending({(*items)[0].id}).ok());
  EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 2s, 10, kT0 + 32s)->empty());
  EXPECT_EQ(Open().history.back().delivery, core::DeliveryStatus::kQueued);  // still its sender's
  Reopen();  // the process died mid-send
  // One instance serves a SQLite file: its restart fails the send. Several share PostgreSQL: the
  // first claim after the send's lease ended does.
  EXPECT_EQ(outbox_->RecoverOutbox().value(), backend_ == TestBackend::kSqlite ? 1 : 0);
  EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 1h, 10, kT0 + 2h)->empty());
  const core::Message m = Open().history.back();
  EXPECT_EQ(m.delivery, core::DeliveryStatus::kFailed);
  EXPECT_THAT(m.delivery_error, ::testing::HasSubstr("may or may not have reached"));
}

TEST_P(ChannelStoreTest, MarkingSendingIsAllOrNone) {
  CustomerAndReply(Open(), "wamid.7");
  auto items = outbox_->ClaimOutbox(kT0 + 1s, 10, kT0 + 31s);
  const auto marked = outbox_->MarkSending({(*items)[0].id, 424242});
  ASSERT_FALSE(marked.ok());
  EXPECT_EQ(marked.error().code, base::ErrorCode::kNotFound);
  // The known item was not marked: its lease ends and it is claimed again.
  EXPECT_EQ(outbox_->ClaimOutbox(kT0 + 31s, 10, kT0 + 61s)->size(), 1u);
}

TEST_P(ChannelStoreTest, OutboxDepthsCountEachState) {
  CustomerAndReply(Open(), "wamid.8");
  EXPECT_EQ(outbox_->MeasureOutbox(kT0 + 1s)->due, 1);
  auto items = outbox_->ClaimOutbox(kT0 + 1s, 10, kT0 + 31s);
  ASSERT_TRUE(outbox_->MarkSending({(*items)[0].id}).ok());
  EXPECT_EQ(outbox_->MeasureOutbox(kT0 + 1s)->sending, 1);
  ASSERT_TRUE(outbox_->RetryOutbox((*items)[0].id, kT0 + 1h, "timed out").ok());
  const core::OutboxDepth outbox = outbox_->MeasureOutbox(kT0 + 1s).value();
  EXPECT_EQ(outbox.due, 0);
  EXPECT_EQ(outbox.waiting, 1);
  EXPECT_EQ(outbox.sending, 0);
}

TEST_P(ChannelStoreTest, ARetryAfterSendingMakesTheItemClaimableAgain) {
  CustomerAndReply(Open(), "wamid.6");
  auto items = outbox_->ClaimOutbox(kT0 + 1s, 10, kT0 + 31s);
  ASSERT_TRUE(outbox_->MarkSending({(*items)[0].id}).ok());
  ASSERT_TRUE(outbox_->RetryOutbox((*items)[0].id, kT0 + 2s, "timed out").ok());
  EXPECT_EQ(outbox_->ClaimOutbox(kT0 + 2s, 10, kT0 + 32s)->size(), 1u);
}

TEST_P(ChannelStoreTest, WebChatRepliesDoNotGoThroughTheOutbox) {
  auto s = store_->OpenConversation({ws_, core::Channel::kWeb, "visitor", ""}, 20);
  core::Decision d;
  d.conversation = s->conversation;
  d.messages.push_back({0, 0, core::Author::kAi, "hello!", kT0, 0});
  ASSERT_TRUE(store_->Commit(ws_, d).ok());
  EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 1h, 10, kT0 + 2h)->empty());
}

TEST_P(ChannelStoreTest, SentThenStatusesMoveForwardOnly) {
  CustomerAndReply(Open(), "wamid.3");
  auto items = outbox_->ClaimOutbox(kT0 + 1s, 10, kT0 + 31s);
  ASSERT_TRUE(outbox_->MarkSent({{(*items)[0].id, "wamid.out", kT0 + 2s}}).ok());
  EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 1h, 10, kT0 + 2h)->empty());
  EXPECT_TRUE(*outbox_->IsOwnSend(core::Channel::kWhatsapp, "wamid.out"));
  EXPECT_FALSE(*outbox_->IsOwnSend(core::Channel::kWhatsapp, "wamid.3"));  // the customer's

  const auto delivery = [&] { return Open().history.back().delivery; };
  EXPECT_EQ(delivery(), core::DeliveryStatus::kSent);
  ASSERT_TRUE(*outbox_->UpdateDelivery(core::Channel::kWhatsapp, "wamid.out",
                                       core::DeliveryStatus::kRead, ""));
  ASSERT_TRUE(*outbox_->UpdateDelivery(core::Channel::kWhatsapp, "wamid.out",
                                       core::DeliveryStatus::kDelivered, ""));
  EXPECT_EQ(delivery(), core::DeliveryStatus::kRead);
  EXPECT_FALSE(*outbox_->UpdateDelivery(core::Channel::kWhatsapp, "wamid.unknown",
                                        core::DeliveryStatus::kRead, ""));
  EXPECT_FALSE(*outbox_->UpdateDelivery(core::Channel::kMessenger, "wamid.out",
                                        core::DeliveryStatus::kRead, ""));
}

TEST_P(ChannelStoreTest, RetryRequeuesAndFinishUnsentIsFinal) {
  CustomerAndReply(Open(), "wamid.4");
  auto items = outbox_->ClaimOutbox(kT0 + 1s, 10, kT0 + 31s);
  const std::int64_t id = (*items)[0].id;
  ASSERT_TRUE(outbox_->RetryOutbox(id, kT0 + 10s, "HTTP 500").ok());
  EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 9s, 10, kT0 + 39s)->empty());
  auto again = outbox_->ClaimOutbox(kT0 + 10s, 10, kT0 + 40s);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].attempts, 1);
  ASSERT_TRUE(outbox_->FinishUnsent(id, core::DeliveryStatus::kDropped, "a person took over").ok());
  EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 1h, 10, kT0 + 2h)->empty());
  const core::Message last = Open().history.back();
  EXPECT_EQ(last.delivery, core::DeliveryStatus::kDropped);
  EXPECT_EQ(last.delivery_error, "a person took over");
}

FRONTDESK_ON_BOTH_BACKENDS(ChannelStoreTest);

// Instances sharing a database claim the outbox at once: each item goes to one of them, and a
// conversation's items one at a time, in order.
using OutboxClaimTest = ChannelStoreTest;

TEST_P(OutboxClaimTest, ConcurrentClaimersNeverShareAnItem) {
  constexpr int kConversations = 60;
  for (int i = 0; i < kConversations; ++i) {
    const std::string customer = "1650555" + std::to_string(1000 + i);
    CustomerAndReply(Open(customer), "wamid.c" + std::to_string(i));
  }
  std::mutex mutex;
  std::set<std::int64_t> conversations;
  const std::multiset<std::int64_t> claimed =
      ClaimConcurrently([&]() -> base::Result<std::vector<std::int64_t>> {
        auto batch = outbox_->ClaimOutbox(kT0 + 2s, 5, kT0 + 1h);
        if (!batch.ok()) return batch.error();
        std::vector<std::int64_t> ids;
        std::lock_guard lock(mutex);
        for (const core::OutboxItem& item : *batch) {
          ids.push_back(item.id);
          conversations.insert(item.conversation_id);
        }
        return ids;
      });
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kConversations));
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(), claimed.size());
  EXPECT_EQ(conversations.size(), static_cast<std::size_t>(kConversations));
}

// A restart in place (the same instance name) takes back at once what the instance held; another
// instance's name takes nothing.
TEST_P(OutboxClaimTest, AnInstanceRestartedUnderItsNameTakesBackItsWorkAtOnce) {
  const DatabaseOptions web1{.serving = true, .instance = "web-1"};
  Reopen(web1);
  CustomerAndReply(Open("16505550001"), "wamid.r1");
  CustomerAndReply(Open("16505550002"), "wamid.r2");
  ASSERT_TRUE(callbacks_->AppendCallback(core::Channel::kWhatsapp, "{}", kT0).ok());
  ASSERT_EQ(callbacks_->ClaimCallbacks(kT0, 10, kT0 + 1min)->size(), 1u);
  auto items = outbox_->ClaimOutbox(kT0 + 2s, 10, kT0 + 1min);
  ASSERT_EQ(items->size(), 2u);
  ASSERT_TRUE(outbox_->MarkSending({(*items)[0].id}).ok());

  Reopen({.serving = true, .instance = "web-2"});  // another instance: nothing is its
  EXPECT_EQ(outbox_->RecoverOutbox().value(), 0);
  EXPECT_TRUE(callbacks_->ClaimCallbacks(kT0 + 2s, 10, kT0 + 1min)->empty());
  EXPECT_TRUE(outbox_->ClaimOutbox(kT0 + 3s, 10, kT0 + 1min)->empty());

  Reopen(web1);  // web-1 again, before its leases ended
  EXPECT_EQ(callbacks_->ClaimCallbacks(kT0 + 2s, 10, kT0 + 1min)->size(), 1u);
  EXPECT_EQ(outbox_->RecoverOutbox().value(), 1);  // the send it was making: failed, not resent
  auto again = outbox_->ClaimOutbox(kT0 + 3s, 10, kT0 + 1min);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].id, (*items)[1].id);
}

FRONTDESK_ON_POSTGRES(OutboxClaimTest);

}  // namespace
}  // namespace store
