// Signing in to the CRM. A browser signs in with an email and a password and gets a session: a
// random token for an HttpOnly cookie, and a CSRF token that state-changing requests send back in
// a header (a cookie alone, which any site can make a browser send, changes nothing). Scripts use
// personal API tokens (Authorization: Bearer), which no browser sends by itself. Only SHA-256
// hashes of the tokens are stored. Failed sign-ins, and wrong current passwords given to change
// one, are limited per email and per client address.
//
// Thread-safety: every method may be called from any thread. SignIn and ChangePassword hash
// passwords (about 0.1 s each): call them from a worker, never an io thread.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "api/login_limiter.h"
#include "base/clock.h"
#include "base/result.h"
#include "core/user.h"

namespace api {

struct AuthSettings {
  base::Duration session_lifetime = std::chrono::hours{24 * 7};
  int max_failed_sign_ins = 5;  // per email and per client address, within the window
  base::Duration failed_sign_in_window = std::chrono::minutes{15};
};

struct SignedIn {
  core::User user;
  std::string session_token;  // for the cookie; shown once, only its hash is stored
  std::string csrf_token;
  base::TimePoint expires_at;
};

// What a request presents.
struct Credentials {
  std::optional<std::string> session_token;  // the session cookie
  std::optional<std::string> csrf_token;     // the X-CSRF-Token header
  std::optional<std::string> bearer_token;   // Authorization: Bearer ...
  bool changes_state = false;                // anything but GET and HEAD
};

// Who is asking.
struct Caller {
  core::User user;
  std::optional<core::Session> session;      // nullopt when an API token authenticated the request
  std::optional<std::int64_t> api_token_id;  // the API token's, when one did
};

class Auth {
 public:
  // `users` and `clock` are borrowed and must outlive the Auth.
  Auth(core::Users& users, const base::Clock& clock, AuthSettings settings = {});

  // A new session. kResourceExhausted (the message says when to try again) after too many
  // failures for the email or the client; kUnauthenticated "wrong email or password", the same
  // for an unknown email and a wrong password, which take as long (no account discovery).
  base::Result<SignedIn> SignIn(std::string_view email, std::string_view password,
                                const std::string& client);

  // kUnauthenticated when nothing valid is presented (none, unknown, expired); kPermissionDenied
  // for a session on a state-changing request without its CSRF token. A bearer token, when
  // present, is the only credential looked at.
  base::Result<Caller> Authenticate(const Credentials& credentials);

  // How long a session lasts from its sign-in (the cookie's Max-Age).
  base::Duration session_lifetime() const { return settings_.session_lifetime; }

  // Ends the session of this cookie token; nothing happens for an unknown one.
  base::Status SignOut(const std::string& session_token);

  // Replaces the caller's password with `new_password` when `current_password` is theirs, and
  // signs out every other session of the user in the same transaction (the caller's own session
  // stays, when the request came with one; API tokens stay). Errors, changing nothing:
  // kResourceExhausted while the user's email or `client` is refused, as in SignIn;
  // kPermissionDenied "the current password is wrong", which counts as a failed sign-in (not
  // kUnauthenticated: the caller is signed in, and clients take 401 to mean "sign in again");
  // kInvalidArgument when `new_password` breaks CheckNewPassword (password.h).
  base::Status ChangePassword(const Caller& caller, std::string_view current_password,
                              std::string_view new_password, const std::string& client);

  // A new API token named `name` (1 to 100 characters) for the user: the record, and the secret,
  // shown once.
  base::Result<std::pair<core::ApiToken, std::string>> CreateApiToken(std::int64_t user_id,
                                                                      std::string name);

 private:
  // The limiter's keys of one password check: its email's and its client's.
  using CheckKeys = std::array<std::string, 2>;
  static CheckKeys KeysOf(std::string_view email, const std::string& client);
  // kResourceExhausted, saying when to try again, while one of the keys is refused at `now`.
  base::Status Admit(const CheckKeys& keys, base::TimePoint now);
  // Counts a password check for the limiter: a failure against both keys, a success clears them.
  base::Status Record(const CheckKeys& keys, bool matched, base::TimePoint now);

  core::Users& users_;
  const base::Clock& clock_;
  const AuthSettings settings_;
  LoginLimiter limiter_;
};

// The SHA-256 of a token, in hex: what the store keeps.
std::string HashToken(std::string_view token);

}  // namespace api
