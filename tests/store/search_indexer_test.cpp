// Message text enters the search index in batches after its commit, oldest first, and a search
// catches up first (sqlite/search_indexer.h, sqlite::DatabaseFile::CommitDecision and
// Searching, which sql::Store::Commit and sql::Crm::ListConversations use).
#include "store/sqlite/search_indexer.h"

#include <gtest/gtest.h>

#include "store/crm_fixture.h"

namespace store {
namespace {

using core::Author;

constexpr std::int64_t kT0 = 1'700'000'000'000;

class SearchIndexerTest : public SqliteCrmStoreTest {
 protected:
  std::int64_t Progress() { return QueryInt("SELECT last_message_id FROM search_progress"); }
  std::int64_t Indexed(const std::string& word) {
    return QueryInt("SELECT COUNT(*) FROM message_search WHERE message_search MATCH '" + word +
                    "'");
  }
};

TEST_F(SearchIndexerTest, ACommitIndexesTheWaitingMessagesOnceTheyMakeABatch) {
  const auto id = Open("a");
  for (std::size_t i = 1; i < sqlite::kSearchIndexBatch; ++i) {
    Append(id, Author::kCustomer, "parcel", kT0 + static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(Progress(), 0);
  EXPECT_EQ(Indexed("parcel"), 0);
  const core::Message last = Append(id, Author::kAi, "parcel", kT0 + 1'000);
  EXPECT_EQ(Progress(), last.id);
  EXPECT_EQ(Indexed("parcel"), static_cast<std::int64_t>(sqlite::kSearchIndexBatch));
}

TEST_F(SearchIndexerTest, BatchesTakeTheOldestFirstAndASearchCatchesUp) {
  const auto id = Open("a");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(Append(id, Author::kCustomer, "box", kT0 + i).id);
  auto db = sqlite::Connection::Open(path_);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(sqlite::IndexMessages(**db, 4).value(), true);
  EXPECT_EQ(Progress(), ids[3]);
  EXPECT_EQ(Indexed("box"), 4);
  ASSERT_TRUE(sqlite::CatchUpSearchIndex(**db).ok());
  EXPECT_EQ(Progress(), ids[9]);
  EXPECT_EQ(sqlite::IndexMessages(**db, 4).value(), false);  // nothing waits
  // The store's search catches up with what was committed since.
  const auto other = Open("b");
  Append(other, Author::kCustomer, "crate", kT0 + 20);
  EXPECT_EQ(Indexed("crate"), 0);
  const auto found = crm().ListConversations(ws_, {.search = "crate"}, std::nullopt, 5).value();
  ASSERT_EQ(found.conversations.size(), 1u);
  EXPECT_EQ(found.conversations[0].id, other);
  EXPECT_EQ(Indexed("crate"), 1);
}

}  // namespace
}  // namespace store
