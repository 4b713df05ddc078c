#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

base::Status RunOnce(Connection& db, std::string_view sql) {
  base::Result<Query> query = db.Prepare(sql);
  if (!query.ok()) return query.error();
  return query->Run();
}

}  // namespace

base::Result<Transaction> Transaction::Begin(Connection& db, TransactionKind kind) {
  base::Status begun = RunOnce(db, kind == TransactionKind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!begun.ok()) return begun.error();
  return Transaction(db);
}

Transaction::~Transaction() { Rollback(); }

base::Status Transaction::Commit() {
  if (db_ == nullptr) return base::Error::Internal("database error: transaction already ended");
  base::Status committed = RunOnce(*db_, "COMMIT");
  if (!committed.ok()) {
    Rollback();
    return committed;
  }
  db_ = nullptr;
  return base::Status::Ok();
}

void Transaction::Rollback() {
  if (db_ == nullptr) return;
  // SQLite may already have rolled back on its own (I/O error, full disk); nothing left to undo.
  if (db_->InTransaction()) {
    (void)RunOnce(*db_, "ROLLBACK");  // a failed rollback leaves nothing more to try
  }
  db_ = nullptr;
}

}  // namespace store::sqlite
