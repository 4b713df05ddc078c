#include "store/sqlite/group_commit.h"

namespace store::sqlite {

void GroupCommit::Submit(GroupedWrite& write) {
  std::unique_lock lock(mutex_);
  queue_.push_back(&write);
  while (!write.ran) {
    if (leading_) {
      ran_.wait(lock);
      continue;
    }
    leading_ = true;
    std::vector<GroupedWrite*> batch;
    batch.swap(queue_);
    lock.unlock();
    batch_(batch);
    lock.lock();
    for (GroupedWrite* w : batch) w->ran = true;
    leading_ = false;
    ran_.notify_all();
  }
}

}  // namespace store::sqlite
