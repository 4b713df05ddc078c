#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace store {
namespace {

using ConversationTest = StoreTest;

constexpr std::size_t kHistory = 20;

core::ConversationKey Key(std::int64_t ws, std::string customer = "+34600111222",
                          core::Channel channel = core::Channel::kWhatsapp) {
  return {ws, channel, std::move(customer)};
}

// Appends customer messages "m1".."m<count>" to the conversation, one commit each.
void AppendMessages(core::Store& store, std::int64_t ws, std::int64_t conversation_id, int count) {
  for (int i = 1; i <= count; ++i) {
    core::ConversationSnapshot s = store.LoadConversation(ws, conversation_id, 0).value();
    core::Decision d;
    d.conversation = s.conversation;
    d.messages.push_back(
        {0, 0, core::Author::kCustomer, "m" + std::to_string(i), base::FromMillis(1'000 * i), 0});
    ASSERT_TRUE(store.Commit(ws, d).ok());
  }
}

TEST_P(ConversationTest, NewConversationStartsOpenInAiAtVersionZero) {
  base::Result<core::ConversationSnapshot> s = store_->OpenConversation(Key(ws_), kHistory);
  ASSERT_TRUE(s.ok()) << s.error().message;
  const core::Conversation& c = s->conversation;
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(c.workspace_id, ws_);
  EXPECT_EQ(c.channel, core::Channel::kWhatsapp);
  EXPECT_EQ(c.folder, core::Folder::kOpen);
  EXPECT_EQ(c.lease, core::ControlLease{});
  EXPECT_FALSE(c.greeted);
  EXPECT_EQ(c.language, std::nullopt);
  EXPECT_EQ(c.pending_question, std::nullopt);
  EXPECT_EQ(c.unanswered_streak, 0);
  EXPECT_EQ(c.version, 0);
  EXPECT_TRUE(s->history.empty());
  EXPECT_EQ(s->contact.id, c.contact_id);
  EXPECT_EQ(s->contact.workspace_id, ws_);
  EXPECT_EQ(s->contact.channel, core::Channel::kWhatsapp);
  EXPECT_EQ(s->contact.external_id, "+34600111222");
  EXPECT_EQ(s->contact.display_name, "+34600111222");
  EXPECT_TRUE(s->contact.answers.empty());
}

TEST_P(ConversationTest, AWebVisitorIsNamedByTheStartOfItsIdNeverByTheWholeCookie) {
  const std::string visitor = "3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3";
  const core::ConversationSnapshot s =
      store_->OpenConversation(Key(ws_, visitor, core::Channel::kWeb), kHistory).value();
  EXPECT_EQ(s.contact.external_id, visitor);
  EXPECT_EQ(s.contact.display_name, "Web visitor 3f2a");
  EXPECT_FALSE(s.contact.name_set_by_user);
}

TEST_P(ConversationTest, OpenCreatesOnceAndReturnsTheSameConversation) {
  const core::ConversationSnapshot first = store_->OpenConversation(Key(ws_), kHistory).value();
  const core::ConversationSnapshot again = store_->OpenConversation(Key(ws_), kHistory).value();
  EXPECT_EQ(again.conversation.id, first.conversation.id);
  EXPECT_EQ(again.contact.id, first.contact.id);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM conversations"), 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM contacts"), 1);
}

TEST_P(ConversationTest, EachChannelAndWorkspaceHasItsOwnConversation) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const auto whatsapp = store_->OpenConversation(Key(ws_), kHistory).value();
  const auto web = store_->OpenConversation(Key(ws_, "+34600111222", core::Channel::kWeb), 1);
  const auto elsewhere = store_->OpenConversation(Key(other), kHistory).value();
  ASSERT_TRUE(web.ok());
  EXPECT_NE(web->conversation.id, whatsapp.conversation.id);
  EXPECT_NE(web->contact.id, whatsapp.contact.id);
  EXPECT_NE(elsewhere.conversation.id, whatsapp.conversation.id);
  EXPECT_EQ(elsewhere.conversation.workspace_id, other);
}

TEST_P(ConversationTest, UnknownWorkspaceIsNotFoundAndCreatesNothing) {
  base::Result<core::ConversationSnapshot> s = store_->OpenConversation(Key(ws_ + 100), kHistory);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM contacts"), 0);
}

TEST_P(ConversationTest, HistoryIsTheMostRecentMessagesOldestFirst) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  AppendMessages(store(), ws_, s.conversation.id, 5);
  const auto recent = store_->OpenConversation(Key(ws_), 3).value();
  ASSERT_EQ(recent.history.size(), 3u);
  EXPECT_EQ(recent.history[0].text, "m3");
  EXPECT_EQ(recent.history[2].text, "m5");
  EXPECT_LT(recent.history[0].id, recent.history[1].id);
  EXPECT_EQ(recent.history[0].conversation_id, s.conversation.id);
  EXPECT_TRUE(store_->OpenConversation(Key(ws_), 0).value().history.empty());
  EXPECT_EQ(store_->LoadConversation(ws_, s.conversation.id, kHistory).value().history.size(), 5u);
}

TEST_P(ConversationTest, LoadConversationMatchesOpen) {
  const auto opened = store_->OpenConversation(Key(ws_), kHistory).value();
  AppendMessages(store(), ws_, opened.conversation.id, 2);
  const auto reopened = store_->OpenConversation(Key(ws_), kHistory).value();
  const auto loaded = store_->LoadConversation(ws_, opened.conversation.id, kHistory).value();
  EXPECT_EQ(loaded.conversation.version, reopened.conversation.version);
  EXPECT_EQ(loaded.contact.external_id, reopened.contact.external_id);
  ASSERT_EQ(loaded.history.size(), reopened.history.size());
  EXPECT_EQ(loaded.history.back().id, reopened.history.back().id);
}

TEST_P(ConversationTest, LoadContactReturnsTheContact) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  base::Result<core::Contact> contact = store_->LoadContact(ws_, s.contact.id);
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(contact->external_id, "+34600111222");
  EXPECT_EQ(contact->channel, core::Channel::kWhatsapp);
  EXPECT_EQ(contact->workspace_id, ws_);
}

TEST_P(ConversationTest, UnknownIdsAreNotFound) {
  EXPECT_EQ(store_->LoadConversation(ws_, 12345, kHistory).error().code,
            base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->LoadContact(ws_, 12345).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListAudit(ws_, 12345).error().code, base::ErrorCode::kNotFound);
}

TEST_P(ConversationTest, UnknownStoredNameIsInternal) {
  const auto s = store_->OpenConversation(Key(ws_), kHistory).value();
  ExecuteRaw("UPDATE conversations SET folder = 'bogus'");
  base::Result<core::ConversationSnapshot> loaded =
      store_->LoadConversation(ws_, s.conversation.id, kHistory);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, base::ErrorCode::kInternal);
  EXPECT_EQ(store_->OpenConversation(Key(ws_), kHistory).error().code, base::ErrorCode::kInternal);

  ExecuteRaw("UPDATE conversations SET folder = 'open'");
  AppendMessages(store(), ws_, s.conversation.id, 1);
  ExecuteRaw("UPDATE messages SET author = 'robot'");
  EXPECT_EQ(store_->LoadConversation(ws_, s.conversation.id, kHistory).error().code,
            base::ErrorCode::kInternal);
}

FRONTDESK_ON_BOTH_BACKENDS(ConversationTest);

}  // namespace
}  // namespace store
