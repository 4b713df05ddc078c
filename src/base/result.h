// Expected failures as values: Error, Result<T> and Status.
//
// A Result<T> holds either a T or an Error; a Status holds either nothing or an Error. Both are
// [[nodiscard]]. Error messages are safe to show to the caller that caused them: they never
// contain secrets, SQL or stack traces.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace base {

// The closed set of failure kinds. Callers branch on the code; the message is for people.
enum class ErrorCode {
  kInvalidArgument,     // the input is malformed or breaks a rule; nothing changed
  kNotFound,            // the named thing does not exist (or is not visible to the caller)
  kAlreadyExists,       // a unique thing would be created twice
  kConflict,            // a concurrent change won; decide again on fresh state
  kFailedPrecondition,  // the state does not allow this now (e.g. publish with missing fields)
  kUnavailable,         // a dependency failed or timed out; retrying may help
  kInternal,            // a bug or a corrupt store; details went to the log
  kUnauthenticated,     // who is asking is unknown: no or bad credentials, an expired session
  kPermissionDenied,    // the caller is known but may not do this (a role, a missing CSRF token)
  kResourceExhausted,   // too many attempts for now (rate limits); try again later
};

const char* ToString(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;

  static Error InvalidArgument(std::string m) {
    return {ErrorCode::kInvalidArgument, std::move(m)};
  }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error AlreadyExists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
  static Error Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Error FailedPrecondition(std::string m) {
    return {ErrorCode::kFailedPrecondition, std::move(m)};
  }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
  static Error Unauthenticated(std::string m) {
    return {ErrorCode::kUnauthenticated, std::move(m)};
  }
  static Error PermissionDenied(std::string m) {
    return {ErrorCode::kPermissionDenied, std::move(m)};
  }
  static Error ResourceExhausted(std::string m) {
    return {ErrorCode::kResourceExhausted, std::move(m)};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok().
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit
  static Status Ok() { return {}; }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // REQUIRES: !ok().
  const Error& error() const { return error_; }

 private:
  Error error_{ErrorCode::kInternal, {}};
  bool ok_ = true;
};

}  // namespace base
