// A transaction on a Connection that rolls back unless committed. Begun inside another (a call
// made within Atomically) it joins that one: PostgreSQL's savepoints are not used (many open
// subtransactions slow the whole cluster), so the store's writes are shaped never to fail
// half-way for an expected reason (a version compare-and-set first, INSERT ... ON CONFLICT DO
// NOTHING), and an unexpected failure fails the enclosing transaction as a whole.
#pragma once

#include "base/result.h"
#include "store/postgres/connection.h"

namespace store::postgres {

class Transaction {
 public:
  // kUnavailable when the connection is lost.
  static base::Result<Transaction> Begin(Connection& db);

  Transaction(Transaction&& other) noexcept : db_(other.db_), joined_(other.joined_) {
    other.db_ = nullptr;
  }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // On failure the transaction is rolled back (a joined one is left to its owner).
  base::Status Commit();

 private:
  Transaction(Connection& db, bool joined) : db_(&db), joined_(joined) {}

  Connection* db_;  // null once committed or rolled back
  bool joined_;     // part of an enclosing transaction
};

// The transactions the SQL both backends share begins (store/sql/): the same on PostgreSQL, whose
// every transaction sees one snapshot per statement (READ COMMITTED) and writes without
// waiting for a database-wide lock.
inline base::Result<Transaction> BeginWrite(Connection& db) { return Transaction::Begin(db); }
inline base::Result<Transaction> BeginRead(Connection& db) { return Transaction::Begin(db); }

}  // namespace store::postgres
