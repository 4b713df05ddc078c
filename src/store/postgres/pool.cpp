#include "store/postgres/pool.h"

#include <unistd.h>

#include <cstdio>
#include <random>
#include <utility>

#include "base/slow_call_guard.h"
#include "store/postgres/transaction.h"

namespace store::postgres {
namespace {

// The pool whose Atomically runs on this thread, and the connection it holds for it.
thread_local const Pool* t_pool = nullptr;
thread_local Connection* t_connection = nullptr;

// A name no other process has: the host's, the process id and a random number.
std::string UniqueName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
  std::random_device random;
  char name[sizeof host + 64];
  std::snprintf(name, sizeof name, "%s:%d:%08x", host, static_cast<int>(getpid()), random());
  return name;
}

}  // namespace

Lease::~Lease() {
  if (owned_ != nullptr) pool_->Release(std::move(owned_));
}

base::Result<std::unique_ptr<Pool>> Pool::Open(std::string conninfo, std::size_t size,
                                               std::string instance) {
  std::unique_ptr<Pool> pool(
      new Pool(std::move(conninfo), size == 0 ? 1 : size, std::move(instance)));
  base::Result<Lease> first = pool->Acquire();
  if (!first.ok()) return first.error();
  return pool;
}

Pool::Pool(std::string conninfo, std::size_t size, std::string instance)
    : conninfo_(std::move(conninfo)),
      size_(size),
      instance_(instance.empty() ? UniqueName() : std::move(instance)),
      origin_(UniqueName()) {}

Pool::~Pool() = default;

base::Result<Lease> Pool::Acquire() {
  if (t_pool == this) return Lease(*t_connection);
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    std::unique_ptr<Connection> db = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(db));
  }
  ++open_;
  lock.unlock();
  base::Result<std::unique_ptr<Connection>> opened = Connection::Open(conninfo_);
  if (!opened.ok()) {
    lock.lock();
    --open_;
    freed_.notify_one();
    return opened.error();
  }
  return Lease(*this, std::move(*opened));
}

void Pool::Release(std::unique_ptr<Connection> db) {
  // A connection left inside a transaction (a bug) or lost is closed, not lent again.
  const bool reusable = !db->broken() && !db->InTransaction();
  if (!reusable) db.reset();
  std::lock_guard lock(mutex_);
  if (reusable) {
    idle_.push_back(std::move(db));
  } else {
    --open_;
  }
  freed_.notify_one();
}

bool Pool::InAtomically() const { return t_pool == this; }

base::Status Pool::Atomically(const std::function<base::Status()>& work) {
  if (InAtomically()) return work();  // joins the enclosing one
  base::Result<Lease> db = Acquire();
  if (!db.ok()) return db.error();
  base::Result<Transaction> txn = Transaction::Begin(**db);
  if (!txn.ok()) return txn.error();
  const base::NoSlowCalls in_transaction("a store transaction");
  t_pool = this;
  t_connection = &**db;
  base::Status done = work();
  t_pool = nullptr;
  t_connection = nullptr;
  if (!done.ok()) return done;  // rolled back with `txn`
  return txn->Commit();
}

}  // namespace store::postgres
