// The PostgreSQL backend's own machinery: migrations applied once when instances start together,
// a schema newer than the build refused, errors by SQLSTATE, and Atomically spanning the calls
// of one thread on any adapter.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "store/database.h"
#include "store/postgres/connection.h"
#include "store/postgres/error.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"
#include "store/sql/statements.h"
#include "store/sql/users.h"
#include "testing/postgres.h"

namespace store::postgres {
namespace {

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);

// A database of its own, empty (no schema): the template's clone, its tables dropped.
class EmptyDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Connect();
    ASSERT_TRUE((*db)
                    .Execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
                             "DROP TEXT SEARCH CONFIGURATION IF EXISTS fd_text")
                    .ok());
  }

  std::unique_ptr<Connection> Connect() {
    auto db = Connection::Open(database_.url());
    EXPECT_TRUE(db.ok()) << db.error().message;
    return std::move(*db);
  }

  std::int64_t Count(Connection& db, std::string_view sql) {
    auto q = db.Prepare(sql);
    EXPECT_TRUE(q.ok());
    EXPECT_TRUE(q->Step().value());
    return q->Int64(0);
  }

  testing_support::PostgresDatabase database_;
};

TEST_F(EmptyDatabaseTest, InstancesMigratingTogetherApplyEachMigrationOnce) {
  std::vector<std::thread> instances;
  std::vector<base::Status> results(4);
  for (std::size_t i = 0; i < results.size(); ++i) {
    instances.emplace_back([&, i] {
      auto db = Connection::Open(database_.url());
      results[i] = db.ok() ? Migrate(**db, Migrations()) : base::Status(db.error());
    });
  }
  for (std::thread& t : instances) t.join();
  for (const base::Status& r : results) EXPECT_TRUE(r.ok()) << r.error().message;
  auto db = Connect();
  static constexpr std::string_view kApplied = "SELECT COUNT(*) FROM schema_migrations";
  EXPECT_EQ(Count(*db, kApplied), static_cast<std::int64_t>(Migrations().size()));
  EXPECT_EQ(SchemaVersion(*db).value(), Migrations().back().version);
}

TEST_F(EmptyDatabaseTest, ADatabaseANewerBuildMigratedIsRefusedSayingWhy) {
  auto db = Connect();
  ASSERT_TRUE(Migrate(*db, Migrations()).ok());
  ASSERT_TRUE(
      db->Execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'later')").ok());
  const base::Status again = Migrate(*db, Migrations());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, base::ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.error().message.find("newer than this build"), std::string::npos);
  auto through_url = MigrateDatabase(database_.url());
  ASSERT_FALSE(through_url.ok());
  EXPECT_NE(through_url.error().message.find("newer than this build"), std::string::npos);
}

TEST(PostgresErrorTest, StatesMapToTheStoresErrors) {
  EXPECT_EQ(ErrorFromState("23505", "duplicate").code, base::ErrorCode::kAlreadyExists);
  EXPECT_EQ(ErrorFromState("40001", "serialization").code, base::ErrorCode::kConflict);
  EXPECT_EQ(ErrorFromState("40P01", "deadlock").code, base::ErrorCode::kConflict);
  EXPECT_EQ(ErrorFromState("08006", "gone").code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(ErrorFromState("53100", "disk full").code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(ErrorFromState("57014", "canceled").code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(ErrorFromState("55P03", "lock").code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(ErrorFromState("42601", "syntax").code, base::ErrorCode::kInternal);
}

TEST(PostgresConnectionTest, AServerThatIsNotThereIsUnavailableWithoutThePassword) {
  auto db = MigrateDatabase("postgresql://fd:hunter2@127.0.0.1:1/fd?connect_timeout=2");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(db.error().message.find("hunter2"), std::string::npos) << db.error().message;
  EXPECT_NE(db.error().message.find("postgresql://fd:***@127.0.0.1:1/fd"), std::string::npos)
      << db.error().message;
}

class PoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pool = Pool::Open(database_.url(), 4);
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    pool_ = std::move(*pool);
  }
  testing_support::PostgresDatabase database_;
  std::unique_ptr<Pool> pool_;
};

TEST_F(PoolTest, AtomicallyKeepsEveryCallOfTheThreadOrNone) {
  sql::Users<Pool> users(*pool_);
  const base::Status failed = pool_->Atomically([&]() -> base::Status {
    EXPECT_TRUE(users.CreateUser("ana@shop.example", "h", kT0).ok());
    EXPECT_TRUE(users.CreateUser("bob@shop.example", "h", kT0).ok());
    return base::Error::Internal("changed my mind");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(users.FindUserByEmail("ana@shop.example").error().code, base::ErrorCode::kNotFound);

  const base::Status kept = pool_->Atomically([&]() -> base::Status {
    if (auto ana = users.CreateUser("ana@shop.example", "h", kT0); !ana.ok()) return ana.error();
    // Another thread sees nothing before the commit.
    std::thread([&] {
      EXPECT_EQ(users.FindUserByEmail("ana@shop.example").error().code, base::ErrorCode::kNotFound);
    }).join();
    return base::Status::Ok();
  });
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_TRUE(users.FindUserByEmail("ana@shop.example").ok());
}

TEST_F(PoolTest, ALostConnectionIsReplaced) {
  sql::Users<Pool> users(*pool_);
  ASSERT_TRUE(users.CreateUser("ana@shop.example", "h", kT0).ok());
  // Every connection of the database is ended by the server, as a restart or a failover would.
  auto admin = Connection::Open(database_.url());
  ASSERT_TRUE(admin.ok());
  static constexpr std::string_view kTerminate =
      "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
      " WHERE datname = current_database() AND pid <> pg_backend_pid()";
  ASSERT_TRUE(Exists(**admin, kTerminate).ok());
  // The first call may fail on the dead connection; the pool then opens a new one.
  (void)users.FindUserByEmail("ana@shop.example");
  auto found = users.FindUserByEmail("ana@shop.example");
  ASSERT_TRUE(found.ok()) << found.error().message;
}

}  // namespace
}  // namespace store::postgres
