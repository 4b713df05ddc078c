#include "store/sqlite/checkpointer.h"

namespace store::sqlite {

base::Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::string& path,
                                                                base::Duration every) {
  auto db = Connection::Open(path);
  if (!db.ok()) return db.error();
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(*db), every));
}

Checkpointer::Checkpointer(std::unique_ptr<Connection> db, base::Duration every)
    : db_(std::move(db)), every_(every), thread_([this] { Run(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_one();
  thread_.join();
}

void Checkpointer::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    const bool stopping = stop_.wait_for(lock, every_, [this] { return stopping_; });
    lock.unlock();
    // A checkpoint that cannot finish now (busy) is simply tried again at the next tick.
    (void)db_->Execute("PRAGMA wal_checkpoint(PASSIVE)");
    lock.lock();
    if (stopping) return;
  }
}

}  // namespace store::sqlite
