// One `frontdesk serve` per SQLite database: the server holds an exclusive lock on a file beside
// the database, `<database>-serve.lock`, while it runs, and a second one fails at once instead
// of sharing the queues (claims, recovery at start and the search index assume one process).
// The kernel drops the lock when the process ends, even on kill -9. The other commands (init,
// chat, user add, migrate) do not take it and may run beside the server.
#pragma once

#include <string>

#include "base/result.h"

namespace store::sqlite {

class ServingLock {
 public:
  // Takes the lock of the database at `database_path`, creating its lock file when missing.
  // kFailedPrecondition, saying why and what to do, while another process holds it;
  // kUnavailable when the lock file cannot be opened.
  static base::Result<ServingLock> Take(const std::string& database_path);

  ServingLock(ServingLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ServingLock& operator=(ServingLock&&) = delete;
  ServingLock(const ServingLock&) = delete;
  ServingLock& operator=(const ServingLock&) = delete;
  ~ServingLock();

 private:
  explicit ServingLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace store::sqlite
