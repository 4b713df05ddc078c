// A transaction on a Connection that rolls back unless committed.
#pragma once

#include "base/result.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

enum class TransactionKind {
  kRead,   // BEGIN: a consistent snapshot for several reads
  kWrite,  // BEGIN IMMEDIATE: takes the write lock at once, so a write never fails half-way busy
};

// Usage: begin, run queries (each Query destroyed before Commit), Commit. Destroying an
// uncommitted Transaction rolls it back; a failed call therefore changes nothing. Begun inside
// another transaction it is a savepoint of it: its Commit keeps its changes for the outer one to
// commit, its rollback undoes only its own.
class Transaction {
 public:
  // kUnavailable when the write lock stays busy past kBusyTimeout.
  static base::Result<Transaction> Begin(Connection& db, TransactionKind kind);

  Transaction(Transaction&& other) noexcept : db_(other.db_), nested_(other.nested_) {
    other.db_ = nullptr;
  }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // On failure the transaction is rolled back.
  base::Status Commit();

 private:
  Transaction(Connection& db, bool nested) : db_(&db), nested_(nested) {}
  void Rollback();

  Connection* db_;  // null once committed or rolled back
  bool nested_;     // a savepoint of an outer transaction
};

// The transactions the SQL both backends share begins (store/sql/): a write one, and a snapshot
// for several reads.
inline base::Result<Transaction> BeginWrite(Connection& db) {
  return Transaction::Begin(db, TransactionKind::kWrite);
}
inline base::Result<Transaction> BeginRead(Connection& db) {
  return Transaction::Begin(db, TransactionKind::kRead);
}

}  // namespace store::sqlite
