// Test support: a database of one test's own on the test run's throwaway PostgreSQL
// (tests/postgres/cluster, which CTest starts once as the fixture "postgres"), cloned from the
// migrated template fd_template and dropped with the object. For test binaries that link
// frontdesk_store.
#pragma once

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "store/postgres/connection.h"

namespace testing_support {

class PostgresDatabase {
 public:
  // Throws (failing the test) when the run's cluster is not up: run the test through CTest, or
  // start it with `tests/postgres/cluster start build/postgres build/src/frontdesk`.
  PostgresDatabase() {
    std::ifstream dir_file(std::string(FRONTDESK_TEST_POSTGRES) + "/dir");
    if (!std::getline(dir_file, dir_)) {
      throw std::runtime_error("no test PostgreSQL: run this test through ctest");
    }
    static std::atomic<int> counter{0};
    name_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    auto admin = Admin();
    if (!admin->Execute("CREATE DATABASE " + name_ + " TEMPLATE fd_template").ok()) {
      throw std::runtime_error("cannot create the test database " + name_);
    }
  }
  ~PostgresDatabase() {
    try {
      (void)Admin()->Execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // the cluster went away: nothing to drop
    }
  }
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  // The database's URL, as `[database] url` takes it.
  std::string url() const {
    return "postgresql:///" + name_ + "?host=" + dir_ + "&port=5432&user=postgres";
  }
  const std::string& name() const { return name_; }

 private:
  std::unique_ptr<store::postgres::Connection> Admin() const {
    auto db = store::postgres::Connection::Open("host=" + dir_ +
                                                " port=5432 user=postgres dbname=postgres");
    if (!db.ok()) throw std::runtime_error("test PostgreSQL: " + db.error().message);
    return std::move(*db);
  }

  std::string dir_;
  std::string name_;
};

}  // namespace testing_support
