#include "store/postgres/transaction.h"

namespace store::postgres {

base::Result<Transaction> Transaction::Begin(Connection& db) {
  if (db.InTransaction()) return Transaction(db, /*joined=*/true);
  if (base::Status begun = db.Execute("BEGIN"); !begun.ok()) return begun.error();
  return Transaction(db, /*joined=*/false);
}

Transaction::~Transaction() {
  if (db_ != nullptr && !joined_) (void)db_->Execute("ROLLBACK");
}

base::Status Transaction::Commit() {
  Connection* db = db_;
  db_ = nullptr;
  if (joined_) return base::Status::Ok();
  // COMMIT of a failed transaction answers OK ("ROLLBACK"): refuse it here instead.
  if (db->TransactionFailed()) {
    (void)db->Execute("ROLLBACK");
    return base::Error::Internal("database error: the transaction failed earlier");
  }
  base::Status done = db->Execute("COMMIT");
  if (!done.ok()) (void)db->Execute("ROLLBACK");
  return done;
}

}  // namespace store::postgres
