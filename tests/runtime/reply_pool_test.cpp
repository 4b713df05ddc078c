// The reply pool on a real SQLite file: every due reply answered on its threads, a slow brain
// holding only the conversation it answers, never two replies of one conversation at once.
#include "runtime/reply_pool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>

#include "runtime/brain_shop.h"

namespace runtime {
namespace {

using namespace std::chrono_literals;

// Answers each message; a message "slow" waits until the test opens the gate. Counts the calls
// in flight per message, and the most ever seen.
class GatedBrain final : public core::Brain {
 public:
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override {
    const std::string& text = input.customer_messages.back();
    std::unique_lock lock(mutex_);
    most_at_once_ = std::max(most_at_once_, ++in_flight_[text]);
    changed_.notify_all();
    if (text == "slow") changed_.wait(lock, [this] { return open_; });
    --in_flight_[text];
    core::Proposal p;
    p.asked = p.answered = true;
    p.reply = "re: " + text;
    return p;
  }
  void Open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  // Waits (up to 10 s) until a call for `text` is in flight.
  bool WaitForCall(const std::string& text) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s, [&] { return in_flight_[text] > 0; });
  }
  int most_at_once() const {
    std::lock_guard lock(mutex_);
    return most_at_once_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  mutable std::map<std::string, int> in_flight_;
  mutable int most_at_once_ = 0;
  bool open_ = false;
};

class ReplyPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ReplyPoolSettings settings;
    settings.workers = 4;
    pool_ = std::make_unique<ReplyPool>(
        db_->store(), *engine_, clock_, settings, [](std::string_view) {}, metrics_);
  }
  void TearDown() override {
    brain_.Open();
    pool_.reset();
  }

  std::int64_t Write(const std::string& customer, const std::string& text) {
    auto d = engine_->Handle({workspace_, core::Channel::kWeb, customer},
                             core::CustomerMessage{text, clock_.Now()});
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->conversation.id : 0;
  }
  // The AI's messages in the conversation.
  std::vector<std::string> Answers(std::int64_t id) {
    std::vector<std::string> out;
    const auto s = db_->store().LoadConversation(workspace_, id, 50);
    if (!s.ok()) return {"(" + s.error().message + ")"};
    for (const core::Message& m : s->history) {
      if (m.author == core::Author::kAi) out.push_back(m.text);
    }
    return out;
  }
  // Waits (up to 10 s, waking the pool) until `done` holds.
  bool Eventually(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      pool_->Wake();
      std::this_thread::sleep_for(1ms);  // polling for the pool's threads, not for time
    }
    return true;
  }

  base::FakeClock clock_{base::FromMillis(1'800'000'000'000)};
  GatedBrain brain_;
  testing::BrainShop shop_{brain_, clock_};
  store::Database* db_ = shop_.db.get();
  std::int64_t workspace_ = shop_.workspace;
  Engine* engine_ = shop_.engine.get();
  base::Metrics metrics_;
  std::unique_ptr<ReplyPool> pool_;
};

TEST_F(ReplyPoolTest, EveryReplyDueIsAnsweredOnce) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 40; ++i)
    ids.push_back(Write("c" + std::to_string(i), "hi " + std::to_string(i)));
  pool_->Start();
  ASSERT_TRUE(Eventually([&] {
    return db_->store().CountDueTimers(core::TimerKind::kReply, clock_.Now()).value() == 0;
  }));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_THAT(Answers(ids[i]), ::testing::ElementsAre("Hello!\n\nre: hi " + std::to_string(i)));
  }
  // Counted once each (the count follows the commit that cancels the timer).
  EXPECT_TRUE(Eventually([&] {
    return metrics_.Render().find("replies_total{result=\"answered\"} 40\n") != std::string::npos;
  })) << metrics_.Render();
  EXPECT_THAT(metrics_.Render(), ::testing::HasSubstr("replies_total{result=\"settled\"} 0\n"));
}

TEST_F(ReplyPoolTest, ASlowBrainHoldsOnlyTheConversationItAnswers) {
  pool_->Start();
  const std::int64_t slow = Write("slow", "slow");
  pool_->Wake();
  ASSERT_TRUE(brain_.WaitForCall("slow"));
  // While the slow one waits, the customer writes again and others are answered.
  Write("slow", "slow");
  const std::int64_t quick = Write("quick", "quick");
  pool_->Wake();
  ASSERT_TRUE(Eventually([&] { return !Answers(quick).empty(); }));
  EXPECT_TRUE(Answers(slow).empty());
  brain_.Open();
  ASSERT_TRUE(Eventually([&] { return !Answers(slow).empty(); }));
  // One reply of the slow conversation in flight at a time, and one answer to both messages.
  EXPECT_EQ(brain_.most_at_once(), 1);
  EXPECT_THAT(Answers(slow), ::testing::ElementsAre("Hello!\n\nre: slow"));
}

}  // namespace
}  // namespace runtime
