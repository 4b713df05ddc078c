#include "store/sqlite/statement.h"

#include <sqlite3.h>

#include "store/sqlite/error.h"
#include "store/sqlite/id_set.h"

namespace store::sqlite {

Statement::~Statement() { sqlite3_finalize(handle_); }

Query::Query(Statement& statement) : statement_(&statement) { statement_->in_use_ = true; }

Query::Query(Query&& other) noexcept
    : statement_(other.statement_), bind_error_(other.bind_error_) {
  other.statement_ = nullptr;
}

Query::~Query() {
  if (statement_ == nullptr) return;
  sqlite3_reset(statement_->handle_);
  sqlite3_clear_bindings(statement_->handle_);
  statement_->in_use_ = false;
}

void Query::NoteBind(int rc) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

Query& Query::Bind(int index, std::int64_t value) {
  NoteBind(sqlite3_bind_int64(statement_->handle_, index, value));
  return *this;
}

Query& Query::Bind(int index, std::string_view value) {
  NoteBind(sqlite3_bind_text64(statement_->handle_, index, value.data(), value.size(),
                               SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Query& Query::Bind(int index, const IdSet& ids) {
  NoteBind(sqlite3_bind_blob64(statement_->handle_, index, ids.ids().data(), ids.ids().size_bytes(),
                               SQLITE_TRANSIENT));
  return *this;
}

Query& Query::Bind(int index, std::nullopt_t) {
  NoteBind(sqlite3_bind_null(statement_->handle_, index));
  return *this;
}

Query& Query::Bind(int index, const std::optional<std::int64_t>& value) {
  return value ? Bind(index, *value) : Bind(index, std::nullopt);
}

Query& Query::Bind(int index, const std::optional<std::string_view>& value) {
  return value ? Bind(index, *value) : Bind(index, std::nullopt);
}

Query& Query::Bind(int index, const std::optional<base::TimePoint>& value) {
  return value ? Bind(index, *value) : Bind(index, std::nullopt);
}

base::Result<bool> Query::Step() {
  if (bind_error_ != SQLITE_OK) return ErrorFromCode(bind_error_);
  const int rc = sqlite3_step(statement_->handle_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return ErrorFromCode(rc);
}

base::Status Query::Run() {
  while (true) {
    base::Result<bool> row = Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Status::Ok();
  }
}

bool Query::IsNull(int column) const {
  return sqlite3_column_type(statement_->handle_, column) == SQLITE_NULL;
}

std::int64_t Query::Int64(int column) const {
  return sqlite3_column_int64(statement_->handle_, column);
}

std::optional<std::int64_t> Query::OptionalInt64(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int64(column);
}

std::string Query::Text(int column) const { return std::string(TextView(column)); }

std::string_view Query::TextView(int column) const {
  // sqlite3_column_text before sqlite3_column_bytes: the documented safe order.
  const unsigned char* text = sqlite3_column_text(statement_->handle_, column);
  const int size = sqlite3_column_bytes(statement_->handle_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::optional<base::TimePoint> Query::OptionalTime(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Time(column);
}

}  // namespace store::sqlite
