// The engine on a real SQLite file: events through Decide into the store, durable timers, and
// restarts.
#include "runtime/engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "base/slow_call_guard.h"
#include "store/database.h"
#include "testing/temp_dir.h"

namespace runtime {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// Answers every message with its text; "human" asks for a person.
class EchoBrain final : public core::Brain {
 public:
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override {
    core::Proposal p;
    const std::string& last = input.customer_messages.back();
    if (last.find("human") != std::string::npos) {
      p.handoff = core::HandoffProposal{core::HandoffReason::kCustomerRequest, ""};
    } else {
      p.asked = p.answered = true;
      p.reply = "you said: " + last;
    }
    return p;
  }
};

BrainFactory EchoBrains() {
  return [](const core::AgentConfig&,
            const core::Catalog&) -> base::Result<std::unique_ptr<core::Brain>> {
    return std::unique_ptr<core::Brain>(std::make_unique<EchoBrain>());
  };
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Reopen();
    auto ws = db_->store().CreateWorkspace("shop");
    ASSERT_TRUE(ws.ok());
    workspace_ = *ws;
    core::AgentConfig config;
    config.greeting = "Hello!";
    config.workflow = core::WorkflowKind::kHandoffToHuman;
    config.debounce = 0s;
    config.ask_contact_details = false;  // a web chat handoff at the first request
    auto revision = db_->store().SaveDraft(workspace_.id, config);
    ASSERT_TRUE(revision.ok());
    ASSERT_TRUE(db_->store().Publish(workspace_.id, *revision).ok());
  }
  void TearDown() override {
    engine_.reset();
    db_.reset();
  }

  // Closes and opens the database, as a restart does.
  void Reopen() {
    engine_.reset();
    db_.reset();
    auto opened = store::OpenDatabase("sqlite:" + (dir_ / "fd.db").string(), {});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(*opened);
    engine_ = std::make_unique<Engine>(db_->store(), EchoBrains(), clock_);
  }

  core::ConversationKey Key() const { return {workspace_.id, core::Channel::kWeb, "ana"}; }

  // The customer of `key` writes `text`, and every reply due is answered: the reply's decision.
  base::Result<core::Decision> Say(const std::string& text, const core::ConversationKey& key) {
    auto taken = engine_->Handle(key, core::CustomerMessage{text, clock_.Now()});
    if (!taken.ok()) return taken.error();
    auto replies = engine_->ReplyDue();
    if (!replies.ok()) return replies.error();
    if (replies->empty()) return base::Error::NotFound("no reply was due");
    return replies->back();
  }
  base::Result<core::Decision> Say(const std::string& text) { return Say(text, Key()); }

  testing_support::TempDir dir_;
  base::FakeClock clock_{base::FromMillis(1'800'000'000'000)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Engine> engine_;
  core::Workspace workspace_;
};

TEST_F(EngineTest, CustomerMessageIsStoredAndOwedAReplyThatReplyAnswers) {
  auto taken = engine_->Handle(Key(), core::CustomerMessage{"hi there", clock_.Now()});
  ASSERT_TRUE(taken.ok()) << taken.error().message;
  ASSERT_EQ(taken->messages.size(), 1u);  // Handle never calls the brain
  ASSERT_EQ(taken->timers.size(), 1u);
  EXPECT_EQ(taken->timers[0].kind, core::TimerKind::kReply);
  EXPECT_EQ(taken->timers[0].due_at, clock_.Now());

  auto replied = engine_->Reply(workspace_.id, taken->conversation.id);
  ASSERT_TRUE(replied.ok()) << replied.error().message;
  EXPECT_EQ(replied->proposals, 1);
  EXPECT_EQ(replied->discarded, 0);
  ASSERT_EQ(replied->decision.messages.size(), 1u);
  EXPECT_GT(replied->decision.messages[0].id, taken->messages[0].id);
  EXPECT_EQ(replied->decision.messages[0].text, "Hello!\n\nyou said: hi there");
  auto snapshot = db_->store().OpenConversation(Key(), 10);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot->history.size(), 2u);
  EXPECT_TRUE(snapshot->conversation.greeted);
  // Answered once: nothing is due any more.
  EXPECT_TRUE(db_->store().DueTimers(core::TimerKind::kReply, clock_.Now(), 10)->empty());
}

TEST_F(EngineTest, TheThinkingObserverHearsOfAReplyBeforeTheBrainIsAsked) {
  std::vector<std::string> heard;
  engine_->SetThinkingObserver([&](const core::ConversationSnapshot& s) {
    heard.push_back(s.history.empty() ? "" : s.history.back().text);
  });
  auto taken = engine_->Handle(Key(), core::CustomerMessage{"hi there", clock_.Now()});
  ASSERT_TRUE(taken.ok()) << taken.error().message;
  EXPECT_TRUE(heard.empty());  // taking a message in asks no brain
  ASSERT_TRUE(engine_->Reply(workspace_.id, taken->conversation.id).ok());
  EXPECT_THAT(heard, ::testing::ElementsAre("hi there"));  // once, about the customer's words
}

TEST_F(EngineTest, AReplyOwedWhenTheProcessStoppedIsAnsweredAfterTheRestart) {
  ASSERT_TRUE(engine_->Handle(Key(), core::CustomerMessage{"hi there", clock_.Now()}).ok());
  Reopen();  // the process stops before the reply was answered
  auto replies = engine_->ReplyDue();
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  ASSERT_EQ(replies->size(), 1u);
  EXPECT_EQ((*replies)[0].messages.at(0).text, "Hello!\n\nyou said: hi there");
}

TEST_F(EngineTest, AReplyIsRefusedWhereSlowCallsAreForbidden) {
  auto taken = engine_->Handle(Key(), core::CustomerMessage{"hi", clock_.Now()});
  ASSERT_TRUE(taken.ok());
  {
    const base::NoSlowCalls request_thread("an HTTP request handler");
    auto refused = engine_->Reply(workspace_.id, taken->conversation.id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, base::ErrorCode::kFailedPrecondition);
    EXPECT_THAT(refused.error().message, HasSubstr("an HTTP request handler"));
  }
  // Inside a store transaction too (the store marks it).
  const base::Status in_transaction = db_->store().Atomically([&] {
    auto refused = engine_->Reply(workspace_.id, taken->conversation.id);
    EXPECT_FALSE(refused.ok());
    EXPECT_THAT(refused.ok() ? "" : refused.error().message, HasSubstr("a store transaction"));
    return base::Status::Ok();
  });
  EXPECT_TRUE(in_transaction.ok());
  EXPECT_EQ(db_->store().OpenConversation(Key(), 10)->history.size(), 1u);  // nothing answered
  EXPECT_TRUE(engine_->Reply(workspace_.id, taken->conversation.id).ok());
}

TEST_F(EngineTest, PauseThatExpiresWhileTheProcessIsDownResumesOnStart) {
  ASSERT_TRUE(Say("human please").ok());
  clock_.Advance(1min);
  ASSERT_TRUE(engine_->Handle(Key(), core::CustomerMessage{"still there?", clock_.Now()}).ok());

  Reopen();               // the process stops ...
  clock_.Advance(30min);  // ... and starts again after the pause ran out

  auto fired = engine_->FireDueTimers();
  ASSERT_TRUE(fired.ok()) << fired.error().message;
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ((*fired)[0].conversation.lease.mode, core::Mode::kAi);
  auto replies = engine_->ReplyDue();  // the waiting message is owed a reply at once
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  ASSERT_EQ(replies->size(), 1u);
  const core::Decision& d = (*replies)[0];
  ASSERT_EQ(d.messages.size(), 1u);
  EXPECT_THAT(d.messages[0].text, HasSubstr("you said: still there?"));
  // Fired once: nothing is due any more.
  auto again = engine_->FireDueTimers();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST_F(EngineTest, ReopeningMidConversationContinuesIt) {
  ASSERT_TRUE(Say("hi").ok());
  Reopen();
  auto d = Say("again");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->messages.back().text, "you said: again");  // no second greeting
}

// Counts the proposals it is asked for.
class CountingBrain final : public core::Brain {
 public:
  explicit CountingBrain(int& calls) : calls_(calls) {}
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override {
    ++calls_;
    return EchoBrain().Propose(input);
  }

 private:
  int& calls_;
};

TEST_F(EngineTest, ADuplicateProviderIdIsRefusedBeforeDeciding) {
  int calls = 0;
  Engine engine(
      db_->store(),
      [&](const core::AgentConfig&,
          const core::Catalog&) -> base::Result<std::unique_ptr<core::Brain>> {
        return std::unique_ptr<core::Brain>(std::make_unique<CountingBrain>(calls));
      },
      clock_);
  ASSERT_TRUE(engine.Handle(Key(), core::CustomerMessage{"hi", clock_.Now(), "wamid.1"}).ok());
  ASSERT_TRUE(engine.ReplyDue().ok());
  auto again = engine.Handle(Key(), core::CustomerMessage{"hi", clock_.Now(), "wamid.1"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, base::ErrorCode::kAlreadyExists);
  ASSERT_TRUE(engine.ReplyDue().ok());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(db_->store().OpenConversation(Key(), 10)->history.size(), 2u);
}

TEST_F(EngineTest, DecisionsInOneTransactionAreObservedOnlyOnceCommitted) {
  std::vector<std::string> observed;
  engine_->SetObserver([&](const core::Decision& d) { observed.push_back(d.messages[0].text); });
  const core::ConversationKey ben{workspace_.id, core::Channel::kWeb, "ben"};
  ASSERT_TRUE(
      engine_
          ->Atomically([&] {
            EXPECT_TRUE(engine_->Handle(Key(), core::CustomerMessage{"one", clock_.Now()}).ok());
            EXPECT_TRUE(engine_->Handle(ben, core::CustomerMessage{"two", clock_.Now()}).ok());
            EXPECT_TRUE(observed.empty());
            return base::Status::Ok();
          })
          .ok());
  EXPECT_THAT(observed, ::testing::ElementsAre("one", "two"));
}

TEST_F(EngineTest, ATransactionThatFailsUndoesItsDecisionsAndIsNeverObserved) {
  int observed = 0;
  engine_->SetObserver([&](const core::Decision&) { ++observed; });
  const auto done = engine_->Atomically([&] {
    EXPECT_TRUE(engine_->Handle(Key(), core::CustomerMessage{"one", clock_.Now()}).ok());
    return base::Status(base::Error::Unavailable("the pass stopped"));
  });
  EXPECT_FALSE(done.ok());
  EXPECT_EQ(observed, 0);
  EXPECT_TRUE(db_->store().OpenConversation(Key(), 10)->history.empty());
  // Outside a transaction, decisions are observed as they commit.
  ASSERT_TRUE(engine_->Handle(Key(), core::CustomerMessage{"again", clock_.Now()}).ok());
  EXPECT_EQ(observed, 1);
}

TEST_F(EngineTest, UnpublishedWorkspaceIsAFailedPrecondition) {
  auto other = db_->store().CreateWorkspace("empty");
  ASSERT_TRUE(other.ok());
  auto d = engine_->Handle({other->id, core::Channel::kWeb, "x"},
                           core::CustomerMessage{"hi", clock_.Now()});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, base::ErrorCode::kFailedPrecondition);
}

TEST_F(EngineTest, AConcurrentChangeMakesItDecideAgain) {
  auto first = db_->store().OpenConversation(Key(), 10);
  ASSERT_TRUE(first.ok());
  // Another worker commits between our load and our commit: simulated by a stale decision.
  core::Decision stale;
  stale.conversation = first->conversation;
  ASSERT_TRUE(db_->store().Commit(workspace_.id, stale).ok());
  auto retry = db_->store().Commit(workspace_.id, stale);
  ASSERT_FALSE(retry.ok());
  EXPECT_EQ(retry.error().code, base::ErrorCode::kConflict);
  // The engine reloads and succeeds.
  EXPECT_TRUE(engine_->Handle(Key(), core::TakeControl{"marta", clock_.Now()}).ok());
}

TEST_F(EngineTest, APublishOrCatalogChangeReachesTheNextEvent) {
  auto first = Say("hi");
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(first->messages.back().text, HasSubstr("Hello!"));

  core::AgentConfig changed = db_->store().LoadPublished(workspace_.id)->config;
  changed.greeting = "Welcome!";
  auto revision = db_->store().SaveDraft(workspace_.id, changed);
  ASSERT_TRUE(db_->store().Publish(workspace_.id, *revision).ok());
  auto second = Say("hi", {workspace_.id, core::Channel::kWeb, "bea"});
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(second->messages.back().text, HasSubstr("Welcome!"));
}

TEST_F(EngineTest, TheAgentIsBuiltOnceAndAgainOnlyWhenItsVersionMoves) {
  int built = 0;
  Engine engine(
      db_->store(),
      [&](const core::AgentConfig& c, const core::Catalog& cat) {
        ++built;
        return EchoBrains()(c, cat);
      },
      clock_);
  ASSERT_TRUE(engine.Handle(Key(), core::CustomerMessage{"a", clock_.Now()}).ok());
  ASSERT_TRUE(engine.Handle(Key(), core::CustomerMessage{"b", clock_.Now()}).ok());
  EXPECT_EQ(built, 1);
  core::Product mug;
  mug.name = "Mug";
  ASSERT_TRUE(db_->store().ReplaceCatalog(workspace_.id, std::span(&mug, 1)).ok());
  ASSERT_TRUE(engine.Handle(Key(), core::CustomerMessage{"c", clock_.Now()}).ok());
  EXPECT_EQ(built, 2);
}

// Counts its proposals; answers at once (the local brain's kind) or not (a model's).
class TimedBrain final : public core::Brain {
 public:
  TimedBrain(bool at_once, int& calls) : at_once_(at_once), calls_(calls) {}
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override {
    ++calls_;
    return EchoBrain().Propose(input);
  }
  bool AnswersAtOnce() const override { return at_once_; }

 private:
  bool at_once_;
  int& calls_;
};

class PreparedReplyTest : public EngineTest {
 protected:
  // An engine whose brain answers at once or not, counting into calls_.
  std::unique_ptr<Engine> EngineWith(bool at_once) {
    return std::make_unique<Engine>(
        db_->store(),
        [this, at_once](const core::AgentConfig&,
                        const core::Catalog&) -> base::Result<std::unique_ptr<core::Brain>> {
          return std::unique_ptr<core::Brain>(std::make_unique<TimedBrain>(at_once, calls_));
        },
        clock_);
  }
  // Stores `message` with its prepared reply, in one transaction as the intake does.
  base::Result<core::Decision> Store(Engine& engine, const core::CustomerMessage& message,
                                     const std::optional<PreparedReply>& prepared) {
    base::Result<core::Decision> taken = base::Error::Internal("not run");
    const base::Status done = engine.Atomically([&] {
      taken = engine.Handle(Key(), message, prepared ? &*prepared : nullptr);
      return base::Status::Ok();
    });
    if (!done.ok()) return done.error();
    return taken;
  }
  // The customer said "hi" and was answered; then `message` is prepared.
  void Prepare(Engine& engine, const core::CustomerMessage& message,
               std::optional<PreparedReply>& prepared) {
    ASSERT_TRUE(engine.Handle(Key(), core::CustomerMessage{"hi", clock_.Now()}).ok());
    ASSERT_TRUE(engine.ReplyDue().ok());
    prepared = engine.PrepareReply(Key(), message);
    ASSERT_TRUE(prepared.has_value());
  }
  std::vector<std::string> Texts() {
    auto snapshot = db_->store().FindConversation(Key(), 20);
    std::vector<std::string> texts;
    if (!snapshot.ok() || !snapshot->has_value()) return texts;
    for (const core::Message& m : (*snapshot)->history) texts.push_back(m.text);
    return texts;
  }
  int calls_ = 0;
};

TEST_F(PreparedReplyTest, ABrainThatAnswersAtOnceIsStoredWithTheMessageItAnswers) {
  auto engine = EngineWith(/*at_once=*/true);
  const core::CustomerMessage message{"a mug?", clock_.Now()};
  std::optional<PreparedReply> prepared;  // the first message created the conversation
  ASSERT_NO_FATAL_FAILURE(Prepare(*engine, message, prepared));
  EXPECT_EQ(calls_, 2);
  int observed = 0;
  engine->SetObserver([&](const core::Decision& d) {
    ++observed;
    EXPECT_EQ(d.messages.size(), 2u);  // one commit: the message and its reply
  });
  ASSERT_TRUE(Store(*engine, message, prepared).ok());
  EXPECT_THAT(Texts(),
              ::testing::ElementsAre("hi", "Hello!\n\nyou said: hi", "a mug?", "you said: a mug?"));
  EXPECT_EQ(observed, 1);
  EXPECT_TRUE(db_->store().DueTimers(core::TimerKind::kReply, clock_.Now(), 10)->empty());
  EXPECT_TRUE(engine->ReplyDue()->empty());
  EXPECT_EQ(calls_, 2);  // never asked twice
}

TEST_F(PreparedReplyTest, ABrainThatCallsOutIsNeverCalledToPrepare) {
  auto engine = EngineWith(/*at_once=*/false);
  ASSERT_TRUE(engine->Handle(Key(), core::CustomerMessage{"hi", clock_.Now()}).ok());
  ASSERT_TRUE(engine->ReplyDue().ok());
  ASSERT_EQ(calls_, 1);
  EXPECT_FALSE(engine->PrepareReply(Key(), core::CustomerMessage{"a mug?", clock_.Now()}));
  EXPECT_EQ(calls_, 1);
}

TEST_F(PreparedReplyTest, NothingIsPreparedWhereSlowCallsAreForbiddenOrNoReplyIsDueAtOnce) {
  auto engine = EngineWith(/*at_once=*/true);
  const core::CustomerMessage message{"a mug?", clock_.Now()};
  EXPECT_FALSE(engine->PrepareReply(Key(), message));  // no conversation yet
  ASSERT_TRUE(engine->Handle(Key(), core::CustomerMessage{"hi", clock_.Now()}).ok());
  ASSERT_TRUE(engine->ReplyDue().ok());
  calls_ = 0;
  {
    const base::NoSlowCalls timers("the thread that fires timers");
    EXPECT_FALSE(engine->PrepareReply(Key(), message));
  }
  ASSERT_TRUE(engine->Handle(Key(), core::TakeControl{"marta", clock_.Now()}).ok());
  EXPECT_FALSE(engine->PrepareReply(Key(), message));  // a person has the conversation
  EXPECT_EQ(calls_, 0);
}

TEST_F(PreparedReplyTest, APublishAfterThePreparationLeavesTheReplyToThePool) {
  auto engine = EngineWith(/*at_once=*/true);
  const core::CustomerMessage message{"a mug?", clock_.Now()};
  std::optional<PreparedReply> prepared;
  ASSERT_NO_FATAL_FAILURE(Prepare(*engine, message, prepared));
  core::AgentConfig changed = db_->store().LoadPublished(workspace_.id)->config;
  changed.greeting = "Welcome!";
  ASSERT_TRUE(
      db_->store().Publish(workspace_.id, *db_->store().SaveDraft(workspace_.id, changed)).ok());
  ASSERT_TRUE(Store(*engine, message, prepared).ok());
  EXPECT_EQ(Texts().size(), 3u);  // the message alone: its reply is the pool's
  EXPECT_EQ(db_->store().DueTimers(core::TimerKind::kReply, clock_.Now(), 10)->size(), 1u);
}

TEST_F(PreparedReplyTest, AChangeAfterThePreparationLeavesTheReplyToThePool) {
  auto engine = EngineWith(/*at_once=*/true);
  const core::CustomerMessage message{"a mug?", clock_.Now()};
  std::optional<PreparedReply> prepared;
  ASSERT_NO_FATAL_FAILURE(Prepare(*engine, message, prepared));
  // A person takes the conversation between the proposal and the transaction.
  ASSERT_TRUE(engine->Handle(Key(), core::TakeControl{"marta", clock_.Now()}).ok());
  ASSERT_TRUE(Store(*engine, message, prepared).ok());
  ASSERT_TRUE(engine->ReplyDue().ok());
  EXPECT_THAT(Texts(), ::testing::ElementsAre("hi", "Hello!\n\nyou said: hi", "a mug?"));

  // A newer message arrives first: the stale proposal is dropped and both are answered once.
  ASSERT_TRUE(engine->Handle(Key(), core::ReturnToAi{"marta", clock_.Now()}).ok());
  ASSERT_TRUE(engine->ReplyDue().ok());
  const core::CustomerMessage later{"blue?", clock_.Now()};
  auto stale = engine->PrepareReply(Key(), later);
  ASSERT_TRUE(stale.has_value());
  ASSERT_TRUE(engine->Handle(Key(), core::CustomerMessage{"or red?", clock_.Now()}).ok());
  ASSERT_TRUE(Store(*engine, later, stale).ok());
  ASSERT_TRUE(engine->ReplyDue().ok());
  const auto texts = Texts();
  ASSERT_GE(texts.size(), 3u);  // one reply to both, made with both
  EXPECT_THAT(std::vector(texts.end() - 3, texts.end()),
              ::testing::ElementsAre("or red?", "blue?", "you said: blue?"));
  EXPECT_EQ(calls_, 5);  // hi, a mug? (dropped), a mug? on return, blue? (dropped), both
}

TEST_F(PreparedReplyTest, OnlyABrainThatTakesTimeIsAnnouncedAsThinking) {
  for (const bool at_once : {true, false}) {
    auto engine = EngineWith(at_once);
    int heard = 0;
    engine->SetThinkingObserver([&](const core::ConversationSnapshot&) { ++heard; });
    auto taken = engine->Handle(Key(), core::CustomerMessage{"hi there", clock_.Now()});
    ASSERT_TRUE(taken.ok()) << taken.error().message;
    ASSERT_TRUE(engine->Reply(workspace_.id, taken->conversation.id).ok());
    EXPECT_EQ(heard, at_once ? 0 : 1) << (at_once ? "at once" : "a model");
  }
}

}  // namespace
}  // namespace runtime
