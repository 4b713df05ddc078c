// An event and its reply decided before either is stored, as one decision.
#include "workflow/chain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace workflow {
namespace {

using ::testing::ElementsAre;

core::Message Said(core::Author author, std::string text, std::int64_t id = 0) {
  core::Message m;
  m.author = author;
  m.text = std::move(text);
  m.id = id;
  return m;
}

TEST(ChainTest, AfterIsTheSnapshotTheDecisionLeaves) {
  core::ConversationSnapshot before;
  before.conversation.version = 7;
  before.contact.display_name = "+351 912";
  before.history = {Said(core::Author::kCustomer, "hi", 1)};
  core::Decision d;
  d.conversation = before.conversation;
  d.conversation.greeted = true;
  d.messages = {Said(core::Author::kCustomer, "a mug?")};
  d.contact_name = "Ana";
  const core::ConversationSnapshot after = After(before, d);
  EXPECT_EQ(after.conversation.version, 7);  // the store still compares the snapshot's
  EXPECT_TRUE(after.conversation.greeted);
  EXPECT_EQ(after.contact.display_name, "Ana");
  ASSERT_EQ(after.history.size(), 2u);
  EXPECT_EQ(after.history[1].text, "a mug?");
  EXPECT_EQ(after.history[1].id, 0);  // not stored yet
}

TEST(ChainTest, TheMessageAndItsReplyBecomeOneDecision) {
  const base::TimePoint t = base::FromMillis(1'000);
  core::Decision message;
  message.conversation.version = 7;
  message.messages = {Said(core::Author::kCustomer, "the blue one")};
  message.timers = {{core::TimerKind::kReply, t}};
  message.audit.resize(1);
  message.contact_name = "Ana";

  core::Decision reply;
  reply.conversation.version = 7;
  reply.conversation.pending_question = 1;
  reply.messages = {Said(core::Author::kAi, "Noted. Which size?")};
  core::QualificationAnswer from_message;  // the customer's new message, no id yet
  from_message.source_message_id = 0;
  core::QualificationAnswer from_history;
  from_history.source_message_id = 41;
  reply.answers = {from_message, from_history};
  reply.timers = {{core::TimerKind::kReply, std::nullopt}, {core::TimerKind::kResume, t}};
  reply.notifications.resize(1);
  reply.audit.resize(2);

  const core::Decision chained = Chain(message, reply);
  EXPECT_EQ(chained.conversation.version, 7);
  EXPECT_EQ(chained.conversation.pending_question, 1);  // as the reply leaves it
  ASSERT_EQ(chained.messages.size(), 2u);
  EXPECT_EQ(chained.messages[0].text, "the blue one");  // the event's message first
  EXPECT_EQ(chained.messages[1].text, "Noted. Which size?");
  ASSERT_EQ(chained.answers.size(), 2u);
  EXPECT_FALSE(chained.answers[0].source_message_id.has_value());  // the first appended
  EXPECT_EQ(chained.answers[1].source_message_id, 41);
  // The reply settles the timer the message set: one change per kind, the last.
  ASSERT_EQ(chained.timers.size(), 2u);
  EXPECT_EQ(chained.timers[0].kind, core::TimerKind::kReply);
  EXPECT_FALSE(chained.timers[0].due_at.has_value());
  EXPECT_EQ(chained.timers[1].kind, core::TimerKind::kResume);
  EXPECT_EQ(chained.notifications.size(), 1u);
  EXPECT_EQ(chained.audit.size(), 3u);
  EXPECT_EQ(chained.contact_name, "Ana");
}

}  // namespace
}  // namespace workflow
