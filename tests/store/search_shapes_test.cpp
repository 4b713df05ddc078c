// A search starts from its matches when they are few and walks the folder when they are many,
// looking each conversation up in the matches collected or querying the index for it: every way
// gives the same pages (sqlite::ListInbox with lowered limits).
#include <gtest/gtest.h>

#include <limits>

#include "store/crm_fixture.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/search_indexer.h"
#include "store/sqlite/search_query.h"
#include "store/sqlite/summary_repository.h"

namespace store {
namespace {

using core::Author;
using core::Channel;

constexpr std::int64_t kT0 = 1'700'000'000'000;
constexpr const char* kUser = "bea@shop.example";

class SearchShapesTest : public SqliteCrmStoreTest {
 protected:
  // Every page of `filter`, two at a time, searched with `limits`.
  std::vector<std::int64_t> Pages(sqlite::Connection& db, const core::ConversationFilter& filter,
                                  const sqlite::SearchShapeLimits& limits) {
    std::vector<std::int64_t> ids;
    std::optional<core::ConversationCursor> cursor;
    for (int page = 0; page < 100; ++page) {
      auto listed = sqlite::ListInbox(db, ws_, filter, cursor, 2, limits);
      EXPECT_TRUE(listed.ok()) << listed.error().message;
      if (!listed.ok()) break;
      for (const auto& s : listed->conversations) ids.push_back(s.id);
      cursor = listed->next;
      if (!cursor) break;
    }
    return ids;
  }
};

TEST_F(SearchShapesTest, EveryShapeGivesTheSamePages) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const char* texts[] = {"red mug please", "blue mug", "red plate", "mug mug mug", "nothing"};
  for (int i = 0; i < 15; ++i) {
    const auto id = Open("c" + std::to_string(i), i % 3 == 0 ? Channel::kWeb : Channel::kWhatsapp);
    Append(id, Author::kCustomer, texts[i % 5], kT0 + (i / 4) * 10);
    if (i % 4 == 0) Append(id, Author::kAi, "we have a red mug", kT0 + (i / 4) * 10);
    if (i % 5 == 1) {
      ASSERT_TRUE(crm().MarkRead(ws_, id).ok());
    }
    if (i % 6 == 2) {
      ASSERT_TRUE(crm()
                      .ChangeConversation(ws_, id, {core::Folder::kSolved, std::nullopt}, kUser,
                                          base::FromMillis(kT0))
                      .ok());
    }
    if (i % 2 == 0) {
      const auto contact = crm().LoadSummary(ws_, id).value().contact_id;
      ASSERT_TRUE(crm()
                      .EditLead(ws_, contact,
                                {"Mugsy " + std::to_string(i), std::vector<std::string>{"vip"}},
                                "bea", {})
                      .ok());
    }
    Append(Open("o" + std::to_string(i), Channel::kWeb, other), Author::kCustomer, "red mug",
           kT0 + i, other);
  }
  auto db = sqlite::Connection::Open(path_);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(sqlite::CatchUpSearchIndex(**db).ok());
  const std::vector<core::ConversationFilter> filters = {
      {.search = "mug"},
      {.search = "red mug"},
      {.search = "mugs"},  // a name ("Mugsy") only
      {.search = "plate"},
      {.folder = core::Folder::kSolved, .search = "mug"},
      {.channel = Channel::kWeb, .search = "mug"},
      {.unread_only = true, .search = "red"},
      {.label = "vip", .search = "mug"},
      {.search = "absent"},
      {.search = "nothing"},  // longer than the index's prefixes: never queried for each
  };
  constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();
  for (const auto& filter : filters) {
    SCOPED_TRACE(filter.search + (filter.label ? " label" : "") +
                 (filter.unread_only ? " unread" : ""));
    const auto few = Pages(**db, filter, {.collect_from = kNever, .query_each_from = kNever});
    EXPECT_EQ(Pages(**db, filter, {.collect_from = 1, .query_each_from = kNever}), few);
    EXPECT_EQ(Pages(**db, filter, {.collect_from = 1, .query_each_from = 1}), few);
    EXPECT_EQ(Pages(**db, filter,
                    {.collect_from = 1, .query_each_from = kNever, .sample = 1, .dense_share = 0}),
              few);
    if (filter.search != "absent") {
      EXPECT_FALSE(few.empty());
    }
  }
}

TEST_F(SearchShapesTest, TheLimitsChooseTheShape) {
  for (int i = 0; i < 4; ++i) {
    const auto id = Open("c" + std::to_string(i), Channel::kWhatsapp);
    Append(id, Author::kCustomer, "a mug, nothing else", kT0 + i);
  }
  auto db = sqlite::Connection::Open(path_);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(sqlite::CatchUpSearchIndex(**db).ok());
  const auto shape = [&](const std::string& words, const sqlite::SearchShapeLimits& limits,
                         std::optional<Channel> channel = std::nullopt) {
    const core::ConversationFilter filter{.channel = channel, .search = words};
    auto plan = sqlite::PlanSearch(**db, *sqlite::ParseSearch(words), filter, limits);
    EXPECT_TRUE(plan.ok()) << plan.error().message;
    return plan.ok() ? plan->shape : sqlite::ListShape::kTab;
  };
  using sqlite::ListShape;
  constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();
  const sqlite::SearchShapeLimits few{.collect_from = kNever, .query_each_from = kNever};
  const sqlite::SearchShapeLimits collect{.collect_from = 4, .query_each_from = kNever};
  const sqlite::SearchShapeLimits query{.collect_from = 4, .query_each_from = 3};
  const sqlite::SearchShapeLimits dense{
      .collect_from = 4, .query_each_from = kNever, .sample = 2, .dense_share = 0.9};
  EXPECT_EQ(shape("mug", few), ListShape::kSearchFew);
  EXPECT_EQ(shape("mug", {.collect_from = 5, .query_each_from = kNever}), ListShape::kSearchFew);
  EXPECT_EQ(shape("mug", collect), ListShape::kSearchCollected);
  EXPECT_EQ(shape("mug", collect, Channel::kWhatsapp), ListShape::kSearchCollectedChannel);
  EXPECT_EQ(shape("mug", query), ListShape::kSearchMany);
  EXPECT_EQ(shape("mug", query, Channel::kWhatsapp), ListShape::kSearchManyChannel);
  EXPECT_EQ(shape("mug", dense), ListShape::kSearchMany);  // its first 2 fill their range
  // Longer than the index's prefixes: collected, never queried for each conversation.
  EXPECT_EQ(shape("nothing", query), ListShape::kSearchCollected);
  EXPECT_EQ(shape("nothing", dense), ListShape::kSearchCollected);
  const auto plan =
      sqlite::PlanSearch(**db, *sqlite::ParseSearch("mug"), {.search = "mug"}, collect);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->conversations.size(), 4u);  // what the walk looks each conversation up in
}

}  // namespace
}  // namespace store
