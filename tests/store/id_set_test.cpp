// id_in(ids, id) in SQL against an IdSet bound as a parameter (sqlite/id_set.h).
#include "store/sqlite/id_set.h"

#include <gtest/gtest.h>

#include <limits>

#include "store/sqlite/connection.h"
#include "testing/temp_dir.h"

namespace store::sqlite {
namespace {

class IdSetTest : public ::testing::Test {
 protected:
  // id_in(?1, `id`) with `ids` bound to ?1: 1, 0, or -1 on an error.
  std::int64_t In(const IdSet& ids, std::int64_t id) {
    auto q = db_->Prepare("SELECT id_in(?1, ?2)");
    if (!q.ok()) return -1;
    q->Bind(1, ids).Bind(2, id);
    auto row = q->Step();
    return row.ok() && *row ? q->Int64(0) : -1;
  }

  testing_support::TempDir dir_;
  std::unique_ptr<Connection> db_ = Connection::Open((dir_ / "ids.db").string()).value();
};

TEST_F(IdSetTest, KeepsEachIdOnceInOrder) {
  const IdSet ids({9, 3, 7, 3, 9, 1});
  EXPECT_EQ(std::vector<std::int64_t>(ids.ids().begin(), ids.ids().end()),
            (std::vector<std::int64_t>{1, 3, 7, 9}));
}

TEST_F(IdSetTest, FindsExactlyTheIdsOfTheSet) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const IdSet ids({kMax, -5, 0, 4'294'967'296, 12, 13});
  for (std::int64_t id : {kMax, std::int64_t{-5}, std::int64_t{0}, std::int64_t{4'294'967'296},
                          std::int64_t{12}, std::int64_t{13}}) {
    EXPECT_EQ(In(ids, id), 1) << id;
  }
  for (std::int64_t id : {kMax - 1, std::int64_t{-6}, std::int64_t{1}, std::int64_t{11},
                          std::int64_t{14}, std::int64_t{4'294'967'295}}) {
    EXPECT_EQ(In(ids, id), 0) << id;
  }
}

TEST_F(IdSetTest, AnEmptySetHoldsNothing) {
  EXPECT_EQ(In(IdSet({}), 0), 0);
  EXPECT_EQ(In(IdSet({}), 1), 0);
}

}  // namespace
}  // namespace store::sqlite
