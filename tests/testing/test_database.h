// Test support: the database a test runs on, by URL. A fresh SQLite file in the test's directory;
// or, when the environment has FRONTDESK_TEST_BACKEND=postgres (CTest runs the API, channel and
// end-to-end suites again so, as postgres/...), a fresh database of the run's throwaway PostgreSQL
// (testing/postgres.h), dropped with the object. For test binaries that link frontdesk_store.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "testing/postgres.h"

namespace testing_support {

// Whether this run's tests use PostgreSQL (FRONTDESK_TEST_BACKEND=postgres).
inline bool TestsUsePostgres() {
  const char* backend = std::getenv("FRONTDESK_TEST_BACKEND");
  return backend != nullptr && std::string_view(backend) == "postgres";
}

class TestDatabase {
 public:
  // A SQLite database is the file `dir`/fd.db.
  explicit TestDatabase(const std::filesystem::path& dir) {
    if (TestsUsePostgres()) {
      postgres_.emplace();
      url_ = postgres_->url();
    } else {
      url_ = "sqlite:" + (dir / "fd.db").string();
    }
  }

  // As `frontdesk --db` and `[database] url` take it.
  const std::string& url() const { return url_; }

 private:
  std::optional<PostgresDatabase> postgres_;
  std::string url_;
};

}  // namespace testing_support
