// Copies the write-ahead log back into the database file in the background, on a connection of
// its own. A checkpoint writes and syncs megabytes; done by a committing caller (SQLite's
// automatic checkpoint) it stalls every call waiting on the store for tens of milliseconds. A
// passive checkpoint never blocks readers or writers: it copies what it can and tries again later.
//
// Thread-safety: owns its thread; construct and destroy from one owner.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/result.h"
#include "base/time.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// How often the store's files are checkpointed.
inline constexpr base::Duration kCheckpointEvery = std::chrono::milliseconds{250};

class Checkpointer {
 public:
  // Opens its own connection to the database at `path` and checkpoints every `every`.
  static base::Result<std::unique_ptr<Checkpointer>> Start(const std::string& path,
                                                           base::Duration every);
  ~Checkpointer();  // stops after a last checkpoint
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  Checkpointer(std::unique_ptr<Connection> db, base::Duration every);
  void Run();

  std::unique_ptr<Connection> db_;  // used by the thread only
  const base::Duration every_;
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace store::sqlite
