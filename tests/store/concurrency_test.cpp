#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "store/store_fixture.h"

namespace store {
namespace {

using ConcurrencyTest = StoreTest;

constexpr int kThreads = 4;
constexpr int kTurnsPerThread = 50;

// Appends one message to the customer's conversation, deciding again on every conflict.
void AppendRetrying(core::Store& store, std::int64_t ws, const std::string& customer, int turn) {
  while (true) {
    auto s = store.OpenConversation({ws, core::Channel::kWeb, customer}, 1);
    ASSERT_TRUE(s.ok()) << s.error().message;
    core::Decision d;
    d.conversation = s->conversation;
    d.messages.push_back(
        {0, 0, core::Author::kCustomer, std::to_string(turn), base::FromMillis(turn), 0});
    base::Result<core::Decision> stored = store.Commit(ws, d);
    if (stored.ok()) return;
    ASSERT_EQ(stored.error().code, base::ErrorCode::kConflict) << stored.error().message;
  }
}

TEST_P(ConcurrencyTest, ThreadsOnOneConversationLoseNoCommit) {
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this] {
      for (int i = 0; i < kTurnsPerThread; ++i) AppendRetrying(store(), ws_, "shared", i);
    });
  }
  for (std::thread& t : threads) t.join();
  const auto s = store_->OpenConversation({ws_, core::Channel::kWeb, "shared"}, 0).value();
  EXPECT_EQ(s.conversation.version, kThreads * kTurnsPerThread);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM messages"), kThreads * kTurnsPerThread);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM conversations"), 1);
}

TEST_P(ConcurrencyTest, ThreadsOnTheirOwnConversationsAllCommit) {
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kTurnsPerThread; ++i) {
        AppendRetrying(store(), ws_, "customer-" + std::to_string(t), i);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM conversations"), kThreads);
  EXPECT_EQ(QueryInt("SELECT MIN(version) FROM conversations"), kTurnsPerThread);
}

FRONTDESK_ON_BOTH_BACKENDS(ConcurrencyTest);

}  // namespace
}  // namespace store
