#include "store/postgres/connection.h"

#include <libpq-fe.h>

#include <charconv>

#include "store/postgres/error.h"

namespace store::postgres {
namespace {

// libpq's message without the trailing newline.
std::string Trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::int64_t ParseInt64(std::string_view text) {
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

Query::Query(Query&& other) noexcept
    : db_(other.db_),
      name_(std::move(other.name_)),
      params_(std::move(other.params_)),
      formats_(std::move(other.formats_)),
      result_(other.result_),
      row_(other.row_) {
  other.result_ = nullptr;
}

Query::~Query() { PQclear(result_); }

Query& Query::Bind(int index, std::int64_t value) {
  if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
  params_[index - 1] = std::to_string(value);
  return *this;
}

Query& Query::Bind(int index, std::string_view value) {
  if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
  params_[index - 1] = std::string(value);
  return *this;
}

Query& Query::BindBytes(int index, std::string_view bytes) {
  Bind(index, bytes);
  if (formats_.size() < static_cast<std::size_t>(index)) formats_.resize(index);
  formats_[index - 1] = 1;
  return *this;
}

Query& Query::Bind(int index, std::nullopt_t) {
  if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
  params_[index - 1] = std::nullopt;
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

base::Status Query::Execute() {
  std::vector<const char*> values;
  std::vector<int> lengths;
  values.reserve(params_.size());
  lengths.reserve(params_.size());
  for (const auto& p : params_) {
    values.push_back(p ? p->data() : nullptr);
    lengths.push_back(p ? static_cast<int>(p->size()) : 0);
  }
  formats_.resize(params_.size());
  base::Result<pg_result*> ran =
      db_->Checked(PQexecPrepared(db_->handle_, name_.c_str(), static_cast<int>(values.size()),
                                  values.data(), lengths.data(), formats_.data(), 0));
  if (!ran.ok()) return ran.error();
  result_ = *ran;
  return base::Status::Ok();
}

base::Result<bool> Query::Step() {
  if (result_ == nullptr) {
    if (base::Status done = Execute(); !done.ok()) return done.error();
  }
  ++row_;
  return row_ < PQntuples(result_);
}

base::Status Query::Run() {
  if (result_ != nullptr) return base::Status::Ok();
  return Execute();
}

bool Query::IsNull(int column) const { return PQgetisnull(result_, row_, column) != 0; }

std::int64_t Query::Int64(int column) const { return ParseInt64(TextView(column)); }

std::optional<std::int64_t> Query::OptionalInt64(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int64(column);
}

std::string Query::Text(int column) const { return std::string(TextView(column)); }

std::string_view Query::TextView(int column) const {
  return {PQgetvalue(result_, row_, column),
          static_cast<std::size_t>(PQgetlength(result_, row_, column))};
}

std::string Query::Bytes(int column) const {
  // Text results show bytea in hex: "\x" then two digits a byte.
  const std::string_view hex = TextView(column).substr(2);
  const auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string bytes(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<char>(digit(hex[2 * i]) << 4 | digit(hex[2 * i + 1]));
  }
  return bytes;
}

std::optional<base::TimePoint> Query::OptionalTime(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Time(column);
}

std::string Int64Array(std::span<const std::int64_t> values) {
  std::string array = "{";
  for (std::int64_t v : values) {
    if (array.size() > 1) array += ',';
    array += std::to_string(v);
  }
  return array + "}";
}

base::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo) {
  pg_conn* handle = PQconnectdb(conninfo.c_str());
  if (handle == nullptr) return base::Error::Unavailable("cannot reach the database: no memory");
  if (PQstatus(handle) != CONNECTION_OK) {
    std::string reason = Trimmed(PQerrorMessage(handle));
    PQfinish(handle);
    return base::Error::Unavailable("cannot reach the database: " + reason);
  }
  // Notices ("relation already exists, skipping") are not the caller's business.
  PQsetNoticeProcessor(
      handle, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Connection>(new Connection(handle));
}

Connection::~Connection() { PQfinish(handle_); }

bool Connection::broken() const { return PQstatus(handle_) != CONNECTION_OK; }

bool Connection::InTransaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(handle_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Connection::TransactionFailed() const {
  return PQtransactionStatus(handle_) == PQTRANS_INERROR;
}

base::Result<pg_result*> Connection::Checked(pg_result* result) {
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    changes_ = ParseInt64(PQcmdTuples(result));
    return result;
  }
  base::Error error = ErrorFromResult(result, handle_);
  PQclear(result);
  return error;
}

base::Result<Query> Connection::Prepare(std::string_view sql) {
  auto found = statements_.find(sql.data());
  if (found == statements_.end()) {
    std::string name = "fd" + std::to_string(statements_.size());
    const std::string text(sql);
    base::Result<pg_result*> prepared =
        Checked(PQprepare(handle_, name.c_str(), text.c_str(), 0, nullptr));
    if (!prepared.ok()) return prepared.error();
    PQclear(*prepared);
    found = statements_.emplace(sql.data(), std::move(name)).first;
  }
  return Query(*this, found->second);
}

base::Status Connection::Execute(const std::string& sql) {
  base::Result<pg_result*> done = Checked(PQexec(handle_, sql.c_str()));
  if (!done.ok()) return done.error();
  PQclear(*done);
  return base::Status::Ok();
}

}  // namespace store::postgres
