// The race between a brain that takes its time and everything that can happen meanwhile: 1,000
// seeded runs, in-process on the fake clock. Each run: a customer writes, the brain takes 0-5 s
// to answer, and at a random moment (before the call, as it starts, as it ends) a person replies
// from the CRM, the owner replies from the app, someone takes manual control, or the customer
// writes again, or nothing happens. Whatever the moment: no AI message after a takeover, exactly
// one answer to the burst, and no customer message lost.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "runtime/brain_shop.h"

namespace runtime {
namespace {

using namespace std::chrono_literals;

// Answers every burst with its words; while it thinks, the fake clock moves by its latency and
// the test's interruption lands, at the start of the call or at its end.
class RacingBrain final : public core::Brain {
 public:
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override {
    ++calls;
    if (at_start) std::exchange(at_start, nullptr)();
    clock->Advance(latency);
    if (at_end) std::exchange(at_end, nullptr)();
    core::Proposal p;
    p.asked = p.answered = true;
    p.reply = "about:";
    for (const std::string& m : input.customer_messages) p.reply += " " + m;
    return p;
  }

  base::FakeClock* clock = nullptr;
  mutable base::Duration latency{};
  mutable std::function<void()> at_start;
  mutable std::function<void()> at_end;
  mutable int calls = 0;
};

enum class Meanwhile { kNothing, kCrmReply, kOwnerEcho, kTakeControl, kCustomerWrites };
enum class Moment { kBeforeTheCall, kAsItStarts, kAsItEnds };

class ReplyRaceTest : public ::testing::Test {
 protected:
  ReplyRaceTest() { brain_.clock = &clock_; }

  void Act(const core::ConversationKey& key, Meanwhile what) {
    const base::TimePoint now = clock_.Now();
    base::Result<core::Decision> done = base::Error::Internal("nothing done");
    switch (what) {
      case Meanwhile::kNothing:
        return;
      case Meanwhile::kCrmReply:
        done = engine_->Handle(key, core::HumanReply{"Marta here", "marta", now});
        break;
      case Meanwhile::kOwnerEcho:
        done =
            engine_->Handle(key, core::OwnerEcho{"from my phone", now, "echo." + key.customer_id});
        break;
      case Meanwhile::kTakeControl:
        done = engine_->Handle(key, core::TakeControl{"marta", now});
        break;
      case Meanwhile::kCustomerWrites:
        done = engine_->Handle(key, core::CustomerMessage{"second", now});
        break;
    }
    EXPECT_TRUE(done.ok()) << done.error().message;
  }

  base::FakeClock clock_{base::FromMillis(1'800'000'000'000)};
  RacingBrain brain_;
  testing::BrainShop shop_{brain_, clock_};
  store::Database* db_ = shop_.db.get();
  std::int64_t workspace_ = shop_.workspace;
  Engine* engine_ = shop_.engine.get();
};

TEST_F(ReplyRaceTest, WhateverLandsWhileTheBrainThinksTheLeaseAndTheBurstHold) {
  constexpr int kRuns = 1000;
  std::mt19937 random(20261206);
  int takeovers = 0, bursts = 0, discarded = 0;
  for (int run = 0; run < kRuns; ++run) {
    const auto what = static_cast<Meanwhile>(random() % 5);
    const auto moment = static_cast<Moment>(random() % 3);
    brain_.latency = std::chrono::milliseconds(random() % 5001);
    brain_.calls = 0;
    SCOPED_TRACE("run " + std::to_string(run) + ": event " + std::to_string(int(what)) +
                 " at moment " + std::to_string(int(moment)) + ", the brain takes " +
                 std::to_string(brain_.latency.count()) + " ms");
    const core::ConversationKey key{workspace_, core::Channel::kWeb, "c" + std::to_string(run)};
    auto first = engine_->Handle(key, core::CustomerMessage{"first", clock_.Now()});
    ASSERT_TRUE(first.ok()) << first.error().message;
    const std::int64_t id = first->conversation.id;

    const auto act = [&, what] { Act(key, what); };
    if (moment == Moment::kBeforeTheCall) act();
    if (moment == Moment::kAsItStarts) brain_.at_start = act;
    if (moment == Moment::kAsItEnds) brain_.at_end = act;
    auto replied = engine_->Reply(workspace_, id);
    ASSERT_TRUE(replied.ok()) << replied.error().message;
    ASSERT_FALSE(brain_.at_start || brain_.at_end) << "the interruption never landed";
    discarded += replied->discarded;
    // What lands while the brain thinks drops its proposal: the brain is asked again for the
    // burst, and a takeover leaves nothing to say.
    const bool during = moment != Moment::kBeforeTheCall && what != Meanwhile::kNothing;
    EXPECT_EQ(replied->discarded, during ? 1 : 0);

    const auto s = db_->store().LoadConversation(workspace_, id, 100).value();
    std::vector<std::string> customer, ai;
    for (const core::Message& m : s.history) {
      if (m.author == core::Author::kCustomer) customer.push_back(m.text);
      if (m.author == core::Author::kAi) ai.push_back(m.text);
    }
    const bool takeover = what == Meanwhile::kCrmReply || what == Meanwhile::kOwnerEcho ||
                          what == Meanwhile::kTakeControl;
    if (takeover) {
      ++takeovers;
      EXPECT_TRUE(ai.empty()) << "an AI message after a takeover: " << ai.front();
      EXPECT_EQ(s.conversation.lease.mode, core::Mode::kManual);
    } else if (what == Meanwhile::kCustomerWrites) {
      ++bursts;
      EXPECT_THAT(customer, ::testing::ElementsAre("first", "second"));
      EXPECT_THAT(ai, ::testing::ElementsAre("Hello!\n\nabout: first second"));
      EXPECT_EQ(s.history.back().author, core::Author::kAi);  // one answer, after both
    } else {
      EXPECT_THAT(customer, ::testing::ElementsAre("first"));
      EXPECT_THAT(ai, ::testing::ElementsAre("Hello!\n\nabout: first"));
    }
    // The reply is settled: nothing of this conversation is owed any more.
    const auto owed = db_->store().DueTimers(core::TimerKind::kReply, clock_.Now(), kRuns);
    ASSERT_TRUE(owed.ok());
    for (const core::DueTimer& t : *owed) {
      EXPECT_NE(t.conversation_id, id);
    }
  }
  // Every kind of interruption landed, and a newer message made the brain's first proposal stale.
  EXPECT_GT(takeovers, 0);
  EXPECT_GT(bursts, 0);
  EXPECT_GT(discarded, 0);
}

}  // namespace
}  // namespace runtime
