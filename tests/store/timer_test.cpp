#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "store/store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;

const base::TimePoint kT0 = base::FromMillis(1'700'000'000'000);

class TimerCommits : public StoreTest {
 protected:
  // Opens the conversation of `customer` in `ws` and commits `timers` to it.
  std::int64_t SetTimers(std::int64_t ws, const std::string& customer,
                         std::vector<core::TimerChange> timers) {
    const auto s = store_->OpenConversation({ws, core::Channel::kWeb, customer}, 0).value();
    core::Decision d;
    d.conversation = s.conversation;
    d.timers = std::move(timers);
    EXPECT_TRUE(store_->Commit(ws, d).ok());
    return s.conversation.id;
  }
};

TEST_P(TimerCommits, NoTimersMeansNothingDue) {
  EXPECT_TRUE(store_->DueTimers(core::TimerKind::kResume, kT0 + 1000h, 10).value().empty());
  EXPECT_EQ(store_->NextTimer(ws_).value(), std::nullopt);
}

TEST_P(TimerCommits, SettingAgainReplacesThePendingTimer) {
  const std::int64_t id = SetTimers(ws_, "a", {{core::TimerKind::kResume, kT0 + 15min}});
  SetTimers(ws_, "a", {{core::TimerKind::kResume, kT0 + 20min}});
  EXPECT_TRUE(store_->DueTimers(core::TimerKind::kResume, kT0 + 19min, 10).value().empty());
  const auto due = store_->DueTimers(core::TimerKind::kResume, kT0 + 20min, 10).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].workspace_id, ws_);
  EXPECT_EQ(due[0].conversation_id, id);
  EXPECT_EQ(due[0].due_at, kT0 + 20min);
}

TEST_P(TimerCommits, EachKindIsItsOwnTimerAndCancelRemovesOne) {
  SetTimers(ws_, "a",
            {{core::TimerKind::kResume, kT0 + 15min}, {core::TimerKind::kReply, kT0 + 2s}});
  EXPECT_EQ(store_->NextTimer(ws_).value(), kT0 + 2s);
  SetTimers(ws_, "a", {{core::TimerKind::kReply, std::nullopt}});
  const auto due = store_->DueTimers(core::TimerKind::kResume, kT0 + 1h, 10).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind, core::TimerKind::kResume);
  EXPECT_EQ(store_->NextTimer(ws_).value(), kT0 + 15min);
  SetTimers(ws_, "a", {{core::TimerKind::kResume, std::nullopt}});
  EXPECT_EQ(store_->NextTimer(ws_).value(), std::nullopt);
}

TEST_P(TimerCommits, CancellingWithoutAPendingTimerIsFine) {
  SetTimers(ws_, "a", {{core::TimerKind::kResume, std::nullopt}});
  EXPECT_TRUE(store_->DueTimers(core::TimerKind::kResume, kT0 + 1h, 10).value().empty());
}

TEST_P(TimerCommits, DueTimersAreEarliestFirstAcrossWorkspacesUpToTheLimit) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const std::int64_t late = SetTimers(ws_, "late", {{core::TimerKind::kResume, kT0 + 30min}});
  const std::int64_t early = SetTimers(other, "early", {{core::TimerKind::kResume, kT0 + 5min}});
  const std::int64_t mid = SetTimers(ws_, "mid", {{core::TimerKind::kResume, kT0 + 10min}});
  SetTimers(other, "future", {{core::TimerKind::kResume, kT0 + 2h}});

  const auto due = store_->DueTimers(core::TimerKind::kResume, kT0 + 30min, 10).value();
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].conversation_id, early);
  EXPECT_EQ(due[0].workspace_id, other);
  EXPECT_EQ(due[1].conversation_id, mid);
  EXPECT_EQ(due[2].conversation_id, late);

  const auto first_two = store_->DueTimers(core::TimerKind::kResume, kT0 + 30min, 2).value();
  ASSERT_EQ(first_two.size(), 2u);
  EXPECT_EQ(first_two[1].conversation_id, mid);

  EXPECT_EQ(store_->NextTimer(ws_).value(), kT0 + 10min);
  EXPECT_EQ(store_->NextTimer(other).value(), kT0 + 5min);
}

TEST_P(TimerCommits, DueTimersAreOfTheKindAsked) {
  const std::int64_t owed = SetTimers(ws_, "owed", {{core::TimerKind::kReply, kT0 + 2s}});
  const std::int64_t paused = SetTimers(ws_, "paused", {{core::TimerKind::kResume, kT0 + 1s}});

  const auto replies = store_->DueTimers(core::TimerKind::kReply, kT0 + 1h, 10).value();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].conversation_id, owed);
  EXPECT_EQ(replies[0].kind, core::TimerKind::kReply);
  const auto resumes = store_->DueTimers(core::TimerKind::kResume, kT0 + 1h, 10).value();
  ASSERT_EQ(resumes.size(), 1u);
  EXPECT_EQ(resumes[0].conversation_id, paused);
  EXPECT_EQ(resumes[0].kind, core::TimerKind::kResume);
}

TEST_P(TimerCommits, TimersSurviveReopen) {
  const std::int64_t id = SetTimers(ws_, "a", {{core::TimerKind::kResume, kT0 + 15min}});
  Reopen();
  const auto due = store_->DueTimers(core::TimerKind::kResume, kT0 + 15min, 10).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].conversation_id, id);
}

FRONTDESK_ON_BOTH_BACKENDS(TimerCommits);

TEST_P(TimerCommits, AClaimReturnsTheDueTimersWithTheirDueTimes) {
  const std::int64_t id = SetTimers(ws_, "a", {{core::TimerKind::kResume, kT0 + 15min}});
  EXPECT_TRUE(store_->ClaimTimers(core::TimerKind::kResume, kT0 + 14min, 10, kT0 + 16min)->empty());
  const auto claimed =
      store_->ClaimTimers(core::TimerKind::kResume, kT0 + 15min, 10, kT0 + 17min).value();
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].conversation_id, id);
  EXPECT_EQ(claimed[0].due_at, kT0 + 15min);
}

// Instances sharing a database: a claimed timer is another's only once its lease ended, unless a
// decision moved or cancelled it first.
using TimerClaimTest = TimerCommits;

TEST_P(TimerClaimTest, AClaimedTimerIsLeasedUntilItEndsOrADecisionMovesIt) {
  SetTimers(ws_, "a", {{core::TimerKind::kReply, kT0}});
  ASSERT_EQ(store_->ClaimTimers(core::TimerKind::kReply, kT0, 10, kT0 + 2min)->size(), 1u);
  EXPECT_TRUE(store_->ClaimTimers(core::TimerKind::kReply, kT0 + 1min, 10, kT0 + 3min)->empty());
  const auto again = store_->ClaimTimers(core::TimerKind::kReply, kT0 + 2min, 10, kT0 + 4min);
  ASSERT_EQ(again->size(), 1u);  // its claimer died
  EXPECT_EQ((*again)[0].due_at, kT0);
  SetTimers(ws_, "a", {{core::TimerKind::kReply, kT0 + 2min}});  // a new message: due at once
  EXPECT_EQ(store_->ClaimTimers(core::TimerKind::kReply, kT0 + 2min, 10, kT0 + 5min)->size(), 1u);
}

TEST_P(TimerClaimTest, ConcurrentClaimersNeverShareATimer) {
  constexpr int kConversations = 120;
  for (int i = 0; i < kConversations; ++i) {
    SetTimers(ws_, "c" + std::to_string(i), {{core::TimerKind::kReply, kT0}});
  }
  const std::multiset<std::int64_t> claimed =
      ClaimConcurrently([&]() -> base::Result<std::vector<std::int64_t>> {
        auto batch = store_->ClaimTimers(core::TimerKind::kReply, kT0, 9, kT0 + 1h);
        if (!batch.ok()) return batch.error();
        std::vector<std::int64_t> ids;
        for (const core::DueTimer& timer : *batch) ids.push_back(timer.conversation_id);
        return ids;
      });
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kConversations));
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(), claimed.size());
}

// A restart in place (the same instance name) takes its timers back at once; another instance's
// name waits for the lease.
TEST_P(TimerClaimTest, AnInstanceRestartedUnderItsNameTakesBackItsTimersAtOnce) {
  SetTimers(ws_, "a", {{core::TimerKind::kReply, kT0}});
  SetTimers(ws_, "b", {{core::TimerKind::kResume, kT0}});
  Reopen({.serving = true, .instance = "web-1"});
  ASSERT_EQ(store_->ClaimTimers(core::TimerKind::kReply, kT0, 10, kT0 + 2min)->size(), 1u);
  Reopen({.serving = true, .instance = "web-2"});
  ASSERT_EQ(store_->ClaimTimers(core::TimerKind::kResume, kT0, 10, kT0 + 2min)->size(), 1u);
  Reopen({.serving = true, .instance = "web-1"});  // killed, and back
  EXPECT_EQ(store_->ClaimTimers(core::TimerKind::kReply, kT0, 10, kT0 + 2min)->size(), 1u);
  EXPECT_TRUE(store_->ClaimTimers(core::TimerKind::kResume, kT0, 10, kT0 + 2min)->empty());
}

FRONTDESK_ON_POSTGRES(TimerClaimTest);

}  // namespace
}  // namespace store
