// A conversation in the CRM: its history in pages, folder, priority, read, and what every Commit
// keeps up to date for the inbox (core::Crm::ListMessages, ChangeConversation, MarkRead).
#include <gtest/gtest.h>

#include "store/crm_fixture.h"

namespace store {
namespace {

using ConversationCrmTest = CrmStoreTest;
using core::Author;

constexpr std::int64_t kT0 = 1'700'000'000'000;
constexpr const char* kUser = "bea@shop.example";

TEST_P(ConversationCrmTest, HistoryPagesAreNewestFirstAndExact) {
  const auto id = Open("a");
  std::vector<std::int64_t> all;
  for (int i = 0; i < 11; ++i) {
    all.insert(all.begin(), Append(id, Author::kCustomer, "m" + std::to_string(i), kT0 + i).id);
  }
  Append(Open("b"), Author::kCustomer, "elsewhere", kT0);  // another conversation's
  std::vector<std::int64_t> seen;
  std::optional<std::int64_t> before;
  int pages = 0;
  do {
    auto page = crm().ListMessages(ws_, id, before, 4);
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (const core::Message& m : page->messages) {
      seen.push_back(m.id);
      EXPECT_EQ(m.conversation_id, id);
    }
    before = page->next_before;
    ++pages;
  } while (before);
  EXPECT_EQ(seen, all);
  EXPECT_EQ(pages, 3);
  const auto first = crm().ListMessages(ws_, id, std::nullopt, 1).value();
  EXPECT_EQ(first.messages.at(0).text, "m10");
  EXPECT_EQ(first.next_before, all[0]);
  EXPECT_TRUE(crm().ListMessages(ws_, id, all.back(), 5).value().messages.empty());
}

TEST_P(ConversationCrmTest, AnotherWorkspacesConversationIsNotFoundAndUnchanged) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const auto theirs = Open("them", core::Channel::kWhatsapp, other);
  Append(theirs, Author::kCustomer, "hi", kT0, other);
  EXPECT_EQ(crm().ListMessages(ws_, theirs, std::nullopt, 5).error().code,
            base::ErrorCode::kNotFound);
  EXPECT_EQ(crm()
                .ChangeConversation(ws_, theirs, {core::Folder::kSpam, core::Priority::kUrgent},
                                    kUser, base::FromMillis(kT0))
                .error()
                .code,
            base::ErrorCode::kNotFound);
  EXPECT_EQ(crm().MarkRead(ws_, theirs).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(store_->ListAudit(other, theirs).value().empty());
  const core::ConversationSummary s = crm().LoadSummary(other, theirs).value();
  EXPECT_EQ(s.folder, core::Folder::kOpen);
  EXPECT_EQ(s.priority, core::Priority::kNormal);
  EXPECT_EQ(s.unread, 1);
}

TEST_P(ConversationCrmTest, MovingFolderBumpsTheVersionSoAStaleDecisionIsDecidedAgain) {
  const auto id = Open("a");
  Append(id, Author::kCustomer, "hi", kT0);
  const core::ConversationSnapshot before = store_->LoadConversation(ws_, id, 0).value();
  auto moved = crm().ChangeConversation(ws_, id, {core::Folder::kArchived, std::nullopt}, kUser,
                                        base::FromMillis(kT0));
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->folder, core::Folder::kArchived);
  core::Decision stale;
  stale.conversation = before.conversation;  // still open
  EXPECT_EQ(store_->Commit(ws_, stale).error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(store_->LoadConversation(ws_, id, 0).value().conversation.folder,
            core::Folder::kArchived);
}

TEST_P(ConversationCrmTest, PriorityAndAnUnchangedFolderLeaveTheVersion) {
  const auto id = Open("a");
  const std::int64_t version = store_->LoadConversation(ws_, id, 0).value().conversation.version;
  auto changed = crm().ChangeConversation(ws_, id, {core::Folder::kOpen, core::Priority::kUrgent},
                                          kUser, base::FromMillis(kT0));
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->priority, core::Priority::kUrgent);
  EXPECT_EQ(store_->LoadConversation(ws_, id, 0).value().conversation.version, version);
  EXPECT_EQ(crm().ChangeConversation(ws_, id, {}, kUser, base::FromMillis(kT0)).value().priority,
            core::Priority::kUrgent);
}

TEST_P(ConversationCrmTest, EachFolderOrPriorityChangeIsOnTheTimelineWithWhoAndWhen) {
  const auto id = Open("a");
  Append(id, Author::kCustomer, "hi", kT0);
  core::Decision paused;
  paused.conversation = store_->LoadConversation(ws_, id, 0).value().conversation;
  paused.conversation.lease = {core::Mode::kManual, base::FromMillis(kT0 + 900'000), 1};
  ASSERT_TRUE(store_->Commit(ws_, paused).ok());
  ASSERT_TRUE(crm()
                  .ChangeConversation(ws_, id, {core::Folder::kSolved, core::Priority::kHigh},
                                      kUser, base::FromMillis(kT0 + 1))
                  .ok());
  // Only what changed: the folder is Solved already.
  ASSERT_TRUE(crm()
                  .ChangeConversation(ws_, id, {core::Folder::kSolved, core::Priority::kUrgent},
                                      "cy@shop.example", base::FromMillis(kT0 + 2))
                  .ok());
  ASSERT_TRUE(crm().ChangeConversation(ws_, id, {}, kUser, base::FromMillis(kT0 + 3)).ok());

  const std::vector<core::AuditEvent> events = store_->ListAudit(ws_, id).value();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, core::AuditKind::kFolderChanged);
  EXPECT_EQ(events[0].detail, "open -> solved");
  EXPECT_EQ(events[0].actor, kUser);
  EXPECT_EQ(events[0].at, base::FromMillis(kT0 + 1));
  EXPECT_EQ(events[0].conversation_id, id);
  EXPECT_EQ(events[1].kind, core::AuditKind::kPriorityChanged);
  EXPECT_EQ(events[1].detail, "normal -> high");
  EXPECT_EQ(events[2].detail, "high -> urgent");
  EXPECT_EQ(events[2].actor, "cy@shop.example");
  EXPECT_EQ(events[2].at, base::FromMillis(kT0 + 2));
  for (const core::AuditEvent& e : events) {  // the AI stays paused as it was
    EXPECT_EQ(e.mode_after, core::Mode::kManual);
    EXPECT_EQ(e.resume_at, base::FromMillis(kT0 + 900'000));
  }
}

TEST_P(ConversationCrmTest, UnreadCountsCustomerMessagesSinceTheLastReadOrReply) {
  const auto id = Open("a");
  Append(id, Author::kCustomer, "1", kT0);
  Append(id, Author::kCustomer, "2", kT0 + 1);
  Append(id, Author::kAi, "an answer", kT0 + 2);  // the AI's words read nothing
  Append(id, Author::kSystem, "reacted", kT0 + 3);
  EXPECT_EQ(crm().LoadSummary(ws_, id).value().unread, 2);
  EXPECT_EQ(crm().MarkRead(ws_, id).value().unread, 0);
  Append(id, Author::kCustomer, "3", kT0 + 4);
  EXPECT_EQ(crm().LoadSummary(ws_, id).value().unread, 1);
  Append(id, Author::kHumanCrm, "a person answers", kT0 + 5);
  EXPECT_EQ(crm().LoadSummary(ws_, id).value().unread, 0);

  // In one decision: the messages after the reply count.
  core::Decision d;
  d.conversation = store_->LoadConversation(ws_, id, 0).value().conversation;
  d.messages = {{0, 0, Author::kCustomer, "4", base::FromMillis(kT0 + 6), 0},
                {0, 0, Author::kHumanCrm, "5", base::FromMillis(kT0 + 7), 0},
                {0, 0, Author::kCustomer, "6", base::FromMillis(kT0 + 8), 0}};
  ASSERT_TRUE(store_->Commit(ws_, d).ok());
  EXPECT_EQ(crm().LoadSummary(ws_, id).value().unread, 1);
}

TEST_P(ConversationCrmTest, ActivityIsTheNewestMessageTimeAndTheLastMessageTheNewestStored) {
  const auto id = Open("a");
  Append(id, Author::kCustomer, "now", kT0 + 100);
  const core::Message echo = Append(id, Author::kHumanApp, "sent earlier from the app", kT0);
  const core::ConversationSummary s = crm().LoadSummary(ws_, id).value();
  EXPECT_EQ(s.last_activity, base::FromMillis(kT0 + 100));
  EXPECT_EQ(s.last_message->id, echo.id);
  // A decision without messages changes neither.
  core::Decision d;
  d.conversation = store_->LoadConversation(ws_, id, 0).value().conversation;
  d.conversation.lease.mode = core::Mode::kManual;
  ASSERT_TRUE(store_->Commit(ws_, d).ok());
  const core::ConversationSummary after = crm().LoadSummary(ws_, id).value();
  EXPECT_EQ(after.last_activity, s.last_activity);
  EXPECT_EQ(after.last_message->id, echo.id);
  EXPECT_EQ(after.unread, 1);
}

FRONTDESK_ON_BOTH_BACKENDS(ConversationCrmTest);

}  // namespace
}  // namespace store
