#include <gtest/gtest.h>

#include <chrono>

#include "store/store_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;
using CommitTest = StoreTest;

constexpr std::size_t kHistory = 50;
const base::TimePoint kT0 = base::FromMillis(1'700'000'000'000);

core::ConversationKey Key(std::int64_t ws, std::string customer = "+34600111222") {
  return {ws, core::Channel::kWhatsapp, std::move(customer)};
}

core::Message Msg(core::Author author, std::string text, base::TimePoint at, std::int64_t epoch) {
  return {0, 0, author, std::move(text), at, epoch};
}

// A handoff after a customer message: everything a decision can carry.
core::Decision Handoff(const core::ConversationSnapshot& s) {
  core::Decision d;
  d.conversation = s.conversation;
  core::Conversation& c = d.conversation;
  c.folder = core::Folder::kOpen;
  c.lease = {core::Mode::kManual, kT0 + 15min, s.conversation.lease.epoch + 1};
  c.greeted = true;
  c.language = core::Language::kEs;
  c.pending_question = 1;
  c.unanswered_streak = 2;
  c.pending_handoff =
      core::PendingHandoff{core::HandoffReason::kFrustration, "the customer is upset"};
  d.messages = {Msg(core::Author::kCustomer, "quiero hablar con alguien", kT0, c.lease.epoch - 1),
                Msg(core::Author::kAi, "Te paso con una persona.", kT0 + 1ms, c.lease.epoch)};
  d.messages[1].model = core::ModelRecord{"qwen3:8b", 1200, 40, 2300ms, 2, "deadline"};
  d.answers = {
      {0, "What is your budget?", "Budget", "about 500 euros", "500 EUR", kT0, std::nullopt}};
  core::Notification n;
  n.kind = core::NotificationKind::kHandoff;
  n.reason = core::HandoffReason::kCustomerRequest;
  n.detail = "the customer asked for a person: \"quiero hablar con alguien\"";
  n.customer_name = "Lucía";
  n.last_messages = {"customer: quiero hablar con alguien"};
  n.answers = d.answers;
  n.at = kT0;
  d.notifications = {n};
  d.audit = {{0, 0, core::AuditKind::kAnswerRecorded, "customer", "Budget", core::Mode::kAi,
              std::nullopt, kT0},
             {0, 0, core::AuditKind::kHandoff, "ai", "customer_request", core::Mode::kManual,
              kT0 + 15min, kT0}};
  d.timers = {{core::TimerKind::kResume, kT0 + 15min}};
  return d;
}

TEST_P(CommitTest, AnAnswerToAQuestionAnsweredBeforeReplacesItAndNoOtherAnswer) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  core::Decision first;
  first.conversation = s.conversation;
  first.answers = {
      {0, "What do you need?", "Service", "my visa expires", "my visa expires", kT0, std::nullopt},
      {1, "What is your budget?", "Budget", "500", "500 EUR", kT0, std::nullopt},
      {2, "Where do you live?", "", "Lisbon", "Lisbon", kT0, std::nullopt}};
  first.messages = {Msg(core::Author::kCustomer, "my visa expires", kT0, 0)};
  ASSERT_TRUE(store_->Commit(ws_, first).ok());
  auto between = store_->LoadConversation(ws_, s.conversation.id, kHistory).value();
  const std::int64_t service_id = between.contact.answers.at(0).id;
  core::Decision correction;
  correction.conversation = between.conversation;
  correction.answers = {{0, "Which service?", "Service", "no, it's citizenship", "citizenship",
                         kT0 + 1s, std::nullopt},
                        {2, "Where do you live?", "", "Porto", "Porto", kT0 + 1s, std::nullopt}};
  correction.messages = {Msg(core::Author::kCustomer, "no, it's citizenship", kT0 + 1s, 0)};
  ASSERT_TRUE(store_->Commit(ws_, correction).ok());

  const auto after = store_->LoadConversation(ws_, s.conversation.id, kHistory).value();
  std::vector<std::string> values;
  for (const auto& a : after.contact.answers) values.push_back(a.label + "=" + a.value);
  // By label when the question has one, by its text when it has none; in place (its id and its
  // place in the list kept).
  EXPECT_EQ(values, (std::vector<std::string>{"Service=citizenship", "Budget=500 EUR", "=Porto"}));
  EXPECT_EQ(after.contact.answers[0].id, service_id);
  EXPECT_EQ(after.contact.answers[0].answer, "no, it's citizenship");
}

TEST_P(CommitTest, CommitStoresEverythingAndBumpsTheVersion) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  const core::Decision d = Handoff(s);
  base::Result<core::Decision> stored = store_->Commit(ws_, d);
  ASSERT_TRUE(stored.ok()) << stored.error().message;

  // The returned decision: ids filled, new version.
  EXPECT_EQ(stored->conversation.version, s.conversation.version + 1);
  ASSERT_EQ(stored->messages.size(), 2u);
  EXPECT_GT(stored->messages[0].id, 0);
  EXPECT_GT(stored->messages[1].id, stored->messages[0].id);
  EXPECT_EQ(stored->messages[1].conversation_id, s.conversation.id);
  ASSERT_EQ(stored->notifications.size(), 1u);
  EXPECT_GT(stored->notifications[0].id, 0);
  EXPECT_EQ(stored->notifications[0].workspace_id, ws_);
  EXPECT_EQ(stored->notifications[0].conversation_id, s.conversation.id);
  EXPECT_EQ(stored->notifications[0].contact_id, s.contact.id);
  ASSERT_EQ(stored->audit.size(), 2u);
  EXPECT_GT(stored->audit[0].id, 0);
  EXPECT_EQ(stored->audit[1].conversation_id, s.conversation.id);

  // What a later read sees.
  const auto after = store_->LoadConversation(ws_, s.conversation.id, kHistory).value();
  const core::Conversation& c = after.conversation;
  EXPECT_EQ(c.version, s.conversation.version + 1);
  EXPECT_EQ(c.lease, d.conversation.lease);
  EXPECT_TRUE(c.greeted);
  EXPECT_EQ(c.language, core::Language::kEs);
  EXPECT_EQ(c.pending_question, 1);
  EXPECT_EQ(c.unanswered_streak, 2);
  EXPECT_EQ(c.pending_handoff, d.conversation.pending_handoff);
  ASSERT_EQ(after.history.size(), 2u);
  EXPECT_EQ(after.history[0].id, stored->messages[0].id);
  EXPECT_EQ(after.history[0].author, core::Author::kCustomer);
  EXPECT_EQ(after.history[0].text, "quiero hablar con alguien");
  EXPECT_EQ(after.history[0].at, kT0);
  EXPECT_EQ(after.history[0].epoch, d.messages[0].epoch);
  EXPECT_EQ(after.history[1].author, core::Author::kAi);
  EXPECT_EQ(after.history[1].epoch, d.messages[1].epoch);
  EXPECT_EQ(after.history[1].model, d.messages[1].model);
  EXPECT_FALSE(after.history[0].model.has_value());
  ASSERT_EQ(after.contact.answers.size(), 1u);
  EXPECT_EQ(after.contact.answers[0].answer, "about 500 euros");
  EXPECT_EQ(after.contact.answers[0].value, "500 EUR");
  EXPECT_EQ(after.contact.answers[0].label, "Budget");
  EXPECT_EQ(after.contact.answers[0].question, "What is your budget?");
  EXPECT_EQ(after.contact.answers[0].at, kT0);

  const auto notifications = store_->ListNotifications(ws_, 10).value();
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_EQ(notifications[0].id, stored->notifications[0].id);
  EXPECT_EQ(notifications[0].reason, core::HandoffReason::kCustomerRequest);
  EXPECT_EQ(notifications[0].customer_name, "Lucía");
  EXPECT_EQ(notifications[0].detail, d.notifications[0].detail);
  EXPECT_EQ(notifications[0].last_messages, d.notifications[0].last_messages);
  ASSERT_EQ(notifications[0].answers.size(), 1u);
  EXPECT_EQ(notifications[0].answers[0].source_message_id, stored->messages[0].id);
  EXPECT_FALSE(notifications[0].read);

  const auto audit = store_->ListAudit(ws_, s.conversation.id).value();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].kind, core::AuditKind::kAnswerRecorded);
  EXPECT_EQ(audit[0].resume_at, std::nullopt);
  EXPECT_EQ(audit[1].kind, core::AuditKind::kHandoff);
  EXPECT_EQ(audit[1].actor, "ai");
  EXPECT_EQ(audit[1].detail, "customer_request");
  EXPECT_EQ(audit[1].mode_after, core::Mode::kManual);
  EXPECT_EQ(audit[1].resume_at, kT0 + 15min);

  EXPECT_EQ(store_->NextTimer(ws_).value(), kT0 + 15min);
}

TEST_P(CommitTest, StaleVersionIsConflictAndWritesNothing) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  ASSERT_TRUE(store_->Commit(ws_, Handoff(s)).ok());
  const auto counts = [this] {
    return std::vector<std::int64_t>{QueryInt("SELECT COUNT(*) FROM messages"),
                                     QueryInt("SELECT COUNT(*) FROM lead_answers"),
                                     QueryInt("SELECT COUNT(*) FROM notifications"),
                                     QueryInt("SELECT COUNT(*) FROM audit_events"),
                                     QueryInt("SELECT COUNT(*) FROM timers"),
                                     QueryInt("SELECT version FROM conversations")};
  };
  const std::vector<std::int64_t> before = counts();

  core::Decision stale = Handoff(s);  // still at the version it was decided on
  stale.timers = {{core::TimerKind::kReply, kT0 + 2s}};
  base::Result<core::Decision> again = store_->Commit(ws_, stale);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(counts(), before);
}

TEST_P(CommitTest, FailureHalfwayWritesNothing) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  core::Decision d = Handoff(s);
  d.answers[0].source_message_id = 999'999;  // no such message: the insert fails after others
  base::Result<core::Decision> failed = store_->Commit(ws_, d);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM messages"), 0);
  EXPECT_EQ(QueryInt("SELECT version FROM conversations"), 0);
  EXPECT_TRUE(store_->Commit(ws_, Handoff(s)).ok());  // the store is still usable
}

TEST_P(CommitTest, AnswerSourcesResolveToTheFirstMessage) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  core::Decision first;
  first.conversation = s.conversation;
  first.messages = {Msg(core::Author::kCustomer, "500", kT0, 0),
                    Msg(core::Author::kAi, "And when?", kT0, 0)};
  first.answers = {{0, "Budget?", "Budget", "500", "500", kT0, std::nullopt}};
  const core::Decision stored = store_->Commit(ws_, first).value();
  ASSERT_EQ(stored.answers.size(), 1u);
  EXPECT_EQ(stored.answers[0].source_message_id, stored.messages[0].id);

  core::Decision second;
  second.conversation = stored.conversation;
  second.answers = {
      {1, "When?", "", "June", "June", kT0, stored.messages[1].id},
      {2, "Where?", "", "Madrid", "Madrid", kT0, std::nullopt}};  // no message to point at
  const core::Decision stored2 = store_->Commit(ws_, second).value();
  EXPECT_EQ(stored2.answers[0].source_message_id, stored.messages[1].id);
  EXPECT_EQ(stored2.answers[1].source_message_id, std::nullopt);

  const core::Contact contact = store_->LoadContact(ws_, s.contact.id).value();
  ASSERT_EQ(contact.answers.size(), 3u);  // oldest first
  EXPECT_EQ(contact.answers[0].source_message_id, stored.messages[0].id);
  EXPECT_EQ(contact.answers[1].question_index, 1);
  EXPECT_EQ(contact.answers[1].source_message_id, stored.messages[1].id);
  EXPECT_EQ(contact.answers[2].answer, "Madrid");
  EXPECT_EQ(contact.answers[2].source_message_id, std::nullopt);
}

TEST_P(CommitTest, ReopeningMidConversationKeepsEverything) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  const core::Decision stored = store_->Commit(ws_, Handoff(s)).value();
  Reopen();

  const auto again = store_->OpenConversation(Key(ws_), kHistory).value();
  EXPECT_EQ(again.conversation.id, s.conversation.id);
  EXPECT_EQ(again.conversation.version, stored.conversation.version);
  EXPECT_EQ(again.conversation.lease, stored.conversation.lease);
  EXPECT_EQ(again.conversation.pending_question, 1);
  EXPECT_EQ(again.conversation.language, core::Language::kEs);
  ASSERT_EQ(again.history.size(), 2u);
  EXPECT_EQ(again.history[1].id, stored.messages[1].id);
  EXPECT_EQ(again.contact.answers.size(), 1u);
  const auto due = store_->DueTimers(core::TimerKind::kResume, kT0 + 1h, 10).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].conversation_id, s.conversation.id);
  EXPECT_EQ(due[0].kind, core::TimerKind::kResume);
  EXPECT_EQ(due[0].due_at, kT0 + 15min);

  // And the conversation carries on from the stored version.
  core::Decision next;
  next.conversation = again.conversation;
  next.messages = {Msg(core::Author::kHumanCrm, "Hola, soy Marta", kT0 + 1min, 1)};
  EXPECT_TRUE(store_->Commit(ws_, next).ok());
}

TEST_P(CommitTest, OtherWorkspacesCannotReachTheConversation) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  ASSERT_TRUE(store_->Commit(ws_, Handoff(s)).ok());
  const auto current = store_->LoadConversation(ws_, s.conversation.id, kHistory).value();

  EXPECT_EQ(store_->LoadConversation(other, s.conversation.id, kHistory).error().code,
            base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->LoadContact(other, s.contact.id).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListAudit(other, s.conversation.id).error().code, base::ErrorCode::kNotFound);
  core::Decision intruder;
  intruder.conversation = current.conversation;
  intruder.messages = {Msg(core::Author::kAi, "hijacked", kT0, 0)};
  EXPECT_EQ(store_->Commit(other, intruder).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(store_->ListNotifications(other, 10).value().empty());
  EXPECT_EQ(store_->NextTimer(other).value(), std::nullopt);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM messages WHERE text = 'hijacked'"), 0);
}

TEST_P(CommitTest, NotificationsAreListedNewestFirst) {
  for (int i = 0; i < 3; ++i) {
    const auto s = store_->OpenConversation(Key(ws_, "c" + std::to_string(i)), kHistory).value();
    core::Decision d;
    d.conversation = s.conversation;
    core::Notification n;
    n.customer_name = "c" + std::to_string(i);
    n.at = kT0 + std::chrono::minutes(i);
    d.notifications = {n};
    ASSERT_TRUE(store_->Commit(ws_, d).ok());
  }
  const auto all = store_->ListNotifications(ws_, 10).value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].customer_name, "c2");
  EXPECT_EQ(all[2].customer_name, "c0");
  const auto two = store_->ListNotifications(ws_, 2).value();
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].customer_name, "c1");
}

TEST_P(CommitTest, AuditIsListedOldestFirst) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  core::Decision d;
  d.conversation = s.conversation;
  d.audit = {
      {0, 0, core::AuditKind::kReturnToAi, "marta", "", core::Mode::kAi, std::nullopt, kT0 + 2min},
      {0, 0, core::AuditKind::kTakeControl, "marta", "", core::Mode::kManual, kT0 + 16min,
       kT0 + 1min}};
  ASSERT_TRUE(store_->Commit(ws_, d).ok());
  const auto audit = store_->ListAudit(ws_, s.conversation.id).value();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].kind, core::AuditKind::kTakeControl);
  EXPECT_EQ(audit[1].kind, core::AuditKind::kReturnToAi);
}

TEST_P(CommitTest, WhatACustomerSentInsteadOfWordsIsKeptWithItsSummary) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  core::Decision d;
  d.conversation = s.conversation;
  d.messages = {Msg(core::Author::kCustomer, "[location: 38.72, -9.14 Lisbon]", kT0, 0),
                Msg(core::Author::kCustomer, "this one, in blue", kT0 + 1ms, 0)};
  d.messages[0].attachment = core::Attachment::kLocation;
  ASSERT_TRUE(store_->Commit(ws_, d).ok());
  Reopen();
  const auto history = store_->OpenConversation(Key(ws_), kHistory).value().history;
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].attachment, core::Attachment::kLocation);
  EXPECT_EQ(history[0].text, "[location: 38.72, -9.14 Lisbon]");
  EXPECT_EQ(history[1].attachment, core::Attachment::kNone);
}

FRONTDESK_ON_BOTH_BACKENDS(CommitTest);

}  // namespace
}  // namespace store
