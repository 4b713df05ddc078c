// The queue of Meta's raw callbacks: kept until finished, retried, parked and counted; concurrent
// appends all kept; an append never waits for a transaction of the database. On PostgreSQL a
// claim leases what it takes, and claimers never share a callback. The embedded queue lives in a
// file of its own beside the database; deliveries an older release kept in the database moved
// over.
#include "store/sqlite/callback_queue.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "store/store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);

using CallbackQueueTest = StoreTest;

TEST_P(CallbackQueueTest, KeepsDeliveriesUntilFinishedAcrossReopen) {
  auto first = callbacks_->AppendCallback(core::Channel::kWhatsapp, "{\"a\":1}", kT0);
  auto second = callbacks_->AppendCallback(core::Channel::kMessenger, "{\"b\":2}", kT0 + 1s);
  ASSERT_TRUE(first.ok() && second.ok());
  Reopen();
  auto pending = callbacks_->ClaimCallbacks(kT0 + 1s, 10, kT0 + 1s);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].body, "{\"a\":1}");
  EXPECT_EQ((*pending)[1].channel, core::Channel::kMessenger);

  ASSERT_TRUE(callbacks_->RetryCallback(*first, kT0 + 1min).ok());
  ASSERT_TRUE(callbacks_->FinishCallbacks(std::vector{*second}).ok());
  EXPECT_TRUE(callbacks_->ClaimCallbacks(kT0 + 30s, 10, kT0 + 30s)->empty());
  auto later = callbacks_->ClaimCallbacks(kT0 + 1min, 10, kT0 + 1min);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].attempts, 1);
  EXPECT_EQ(callbacks_->FinishCallbacks(std::vector{*second}).error().code,
            base::ErrorCode::kNotFound);
  ASSERT_TRUE(callbacks_->ParkCallback(*first, "no workspace has account 1").ok());
  EXPECT_TRUE(callbacks_->ClaimCallbacks(kT0 + 1h, 10, kT0 + 1h)->empty());
  EXPECT_EQ(callbacks_->MeasureCallbacks(kT0 + 1h)->parked, 1);
}

TEST_P(CallbackQueueTest, BytesAreKeptAsReceived) {
  const std::string body = std::string("{\"t\":\"") + '\xff' + '\0' + "\xc3\xa9\"}";
  ASSERT_TRUE(callbacks_->AppendCallback(core::Channel::kInstagram, body, kT0).ok());
  auto pending = callbacks_->ClaimCallbacks(kT0, 10, kT0);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].body, body);
  EXPECT_EQ((*pending)[0].received_at, kT0);
}

TEST_P(CallbackQueueTest, FinishingOneUnknownIdFinishesNone) {
  auto id = callbacks_->AppendCallback(core::Channel::kWhatsapp, "{}", kT0);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(callbacks_->FinishCallbacks(std::vector{*id, *id + 100}).error().code,
            base::ErrorCode::kNotFound);
  EXPECT_EQ(callbacks_->MeasureCallbacks(kT0)->due, 1);
}

TEST_P(CallbackQueueTest, ConcurrentAppendsAreAllKept) {
  constexpr int kThreads = 8;
  constexpr int kEach = 50;
  std::vector<std::thread> threads;
  std::mutex ids_mutex;
  std::set<std::int64_t> ids;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto id = callbacks_->AppendCallback(core::Channel::kWhatsapp,
                                             std::to_string(t) + ":" + std::to_string(i), kT0);
        ASSERT_TRUE(id.ok()) << id.error().message;
        std::lock_guard lock(ids_mutex);
        ids.insert(*id);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kEach));
  Reopen();
  EXPECT_EQ(callbacks_->ClaimCallbacks(kT0, kThreads * kEach + 1, kT0)->size(),
            static_cast<std::size_t>(kThreads * kEach));
}

TEST_P(CallbackQueueTest, DepthsCountEachState) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(callbacks_->AppendCallback(core::Channel::kWhatsapp, "{}", kT0).ok());
  }
  auto pending = callbacks_->ClaimCallbacks(kT0, 10, kT0);
  ASSERT_TRUE(callbacks_->RetryCallback((*pending)[0].id, kT0 + 1min).ok());
  ASSERT_TRUE(callbacks_->ParkCallback((*pending)[1].id, "unknown account").ok());
  const core::CallbackDepth depth = callbacks_->MeasureCallbacks(kT0).value();
  EXPECT_EQ(depth.due, 1);
  EXPECT_EQ(depth.waiting, 1);
  EXPECT_EQ(depth.parked, 1);
  EXPECT_EQ(callbacks_->MeasureCallbacks(kT0 + 1min)->due, 2);  // the retry came due
}

// The acknowledgement of a webhook waits for its callback's commit only: a transaction of the
// database (an intake chunk, a reply's commit, a search index batch) holds none of its locks.
TEST_P(CallbackQueueTest, AnAppendDoesNotWaitForATransactionOfTheDatabase) {
  std::promise<void> release;
  std::future<base::Result<std::int64_t>> appended;
  const base::Status done = store_->Atomically([&] {
    appended = std::async(std::launch::async, [&] {
      return callbacks_->AppendCallback(core::Channel::kWhatsapp, "{}", kT0);
    });
    // Were the append to wait for this transaction, it would never finish inside it; the limit
    // only turns that deadlock into a failure.
    EXPECT_EQ(appended.wait_for(60s), std::future_status::ready);
    return base::Status::Ok();
  });
  ASSERT_TRUE(done.ok());
  auto id = appended.get();
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(callbacks_->ClaimCallbacks(kT0, 10, kT0)->size(), 1u);
}

FRONTDESK_ON_BOTH_BACKENDS(CallbackQueueTest);

// Several instances share the queue: what one claimed is another's only once its lease ended
// (the embedded queue, served by one instance, records no lease).
using CallbackClaimTest = StoreTest;

TEST_P(CallbackClaimTest, AClaimIsLeasedUntilItEnds) {
  ASSERT_TRUE(callbacks_->AppendCallback(core::Channel::kWhatsapp, "{}", kT0).ok());
  ASSERT_EQ(callbacks_->ClaimCallbacks(kT0, 10, kT0 + 1min)->size(), 1u);
  EXPECT_TRUE(callbacks_->ClaimCallbacks(kT0 + 59s, 10, kT0 + 2min)->empty());
  EXPECT_EQ(callbacks_->ClaimCallbacks(kT0 + 1min, 10, kT0 + 2min)->size(), 1u);  // it died
}

TEST_P(CallbackClaimTest, ConcurrentClaimersNeverShareACallback) {
  constexpr int kCallbacks = 400;
  for (int i = 0; i < kCallbacks; ++i) {
    ASSERT_TRUE(callbacks_->AppendCallback(core::Channel::kWhatsapp, "{}", kT0).ok());
  }
  const std::multiset<std::int64_t> claimed =
      ClaimConcurrently([&]() -> base::Result<std::vector<std::int64_t>> {
        auto batch = callbacks_->ClaimCallbacks(kT0, 7, kT0 + 1h);
        if (!batch.ok()) return batch.error();
        std::vector<std::int64_t> ids;
        for (const core::Callback& c : *batch) ids.push_back(c.id);
        return ids;
      });
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kCallbacks));
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(), claimed.size());
}

TEST_P(CallbackClaimTest, ReleasedCallbacksAreDueAtOnceWithNoAttemptCounted) {
  const std::int64_t id = callbacks_->AppendCallback(core::Channel::kWhatsapp, "{}", kT0).value();
  Reopen({.instance = "web-1"});
  ASSERT_EQ(callbacks_->ClaimCallbacks(kT0, 10, kT0 + 1min)->size(), 1u);
  {
    auto other = OpenDatabase(url(), {.instance = "web-2"});
    ASSERT_TRUE(other.ok());
    const std::int64_t ids[] = {id, id + 100};
    ASSERT_TRUE((*other)->callbacks().ReleaseCallbacks(ids).ok());  // not its claim
  }
  EXPECT_TRUE(callbacks_->ClaimCallbacks(kT0 + 1s, 10, kT0 + 2min)->empty());
  const std::int64_t mine[] = {id};
  ASSERT_TRUE(callbacks_->ReleaseCallbacks(mine).ok());
  const auto again = callbacks_->ClaimCallbacks(kT0 + 1s, 10, kT0 + 2min).value();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 0);
}

FRONTDESK_ON_POSTGRES(CallbackClaimTest);

using CallbackFileTest = SqliteStoreTest;

TEST_F(CallbackFileTest, ANewerInboxFileIsRefused) {
  db_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(sqlite::CallbackQueue::PathFor(path_).c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (99, 'from the future')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto opened = sqlite::CallbackQueue::Open(path_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, base::ErrorCode::kFailedPrecondition);
  EXPECT_NE(opened.error().message.find("-inbox"), std::string::npos) << opened.error().message;
}

// Migration 17: a release before it kept deliveries in the database's own table.
constexpr std::int64_t kInboxMovedMigration = 17;

class InboxMoveTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    MigrateBefore(kInboxMovedMigration);
    // Acknowledged but not handled when that release stopped: due, retried, parked.
    ExecuteRaw(R"sql(
      INSERT INTO inbox VALUES (7, 'whatsapp', '{"a":1}', 1000, 0, 1000, NULL),
                               (8, 'messenger', '{"b":2}', 2000, 3, 9000, NULL),
                               (9, 'instagram', '{"c":3}', 3000, 1, 3000, 'unknown account');
    )sql");
  }
};

TEST_F(InboxMoveTest, DeliveriesInTheDatabaseMoveToTheInboxFileWithTheirState) {
  Reopen();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'inbox'"), 0);
  auto inbox = sqlite::CallbackQueue::Open(path_);
  ASSERT_TRUE(inbox.ok()) << inbox.error().message;
  auto due = (*inbox)->ClaimCallbacks(base::FromMillis(9000), 10, base::TimePoint{});
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].id, 7);
  EXPECT_EQ((*due)[0].body, "{\"a\":1}");
  EXPECT_EQ((*due)[1].id, 8);
  EXPECT_EQ((*due)[1].attempts, 3);
  EXPECT_TRUE((*inbox)->ClaimCallbacks(base::FromMillis(8999), 10, base::TimePoint{})->size() ==
              1u);
  EXPECT_EQ((*inbox)->MeasureCallbacks(base::FromMillis(9000))->parked, 1);
  // New deliveries follow the moved ones.
  EXPECT_GT((*inbox)->AppendCallback(core::Channel::kWhatsapp, "{}", kT0).value(), 9);
}

TEST_F(InboxMoveTest, AMoveCutShortIsFinishedWithoutCopyingTwice) {
  {
    // A crash after the copy and before the table was dropped: the next open copies again.
    auto db = sqlite::Connection::Open(path_);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(sqlite::MoveCallbacksToQueueFile(**db, path_).ok());
  }
  Reopen();
  auto inbox = sqlite::CallbackQueue::Open(path_);
  ASSERT_TRUE(inbox.ok()) << inbox.error().message;
  EXPECT_EQ((*inbox)->ClaimCallbacks(base::FromMillis(9000), 10, base::TimePoint{})->size(), 2u);
  EXPECT_EQ((*inbox)->MeasureCallbacks(base::FromMillis(9000))->parked, 1);
}

}  // namespace
}  // namespace store
